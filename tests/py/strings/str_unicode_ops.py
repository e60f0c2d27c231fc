# unicode code points: ord, chr, len, comparisons, encode
s = "aé日😀"
print(len(s), [ord(c) for c in s], [hex(ord(c)) for c in s])
print(chr(97), chr(233), chr(0x65e5), chr(0x1F600), repr(chr(0)), repr(chr(0x10FFFF)))
for bad in [-1, 0x110000]:
    try:
        chr(bad)
    except ValueError as e:
        print(type(e).__name__, e)
for bad in ["", "ab"]:
    try:
        ord(bad)
    except TypeError as e:
        print(type(e).__name__, e)
try:
    chr(65.0)
except TypeError as e:
    print(type(e).__name__, e)
print(sorted(["b", "a", "B", "A", "é", "e", "z", "日", "😀", "", "aa"]))
print("a" < "b", "Z" < "a", "abc" < "abd", "ab" < "abc", "é" > "z", "" < "a", "😀" > "日")
print(s.encode("utf-8"), s.encode("utf-16-le")[:6], len(s.encode("utf-8")), len(s.encode("utf-32-le")))
print("abc".encode(), "é".encode("latin-1"), "é".encode("ascii", "replace"), "é".encode("ascii", "ignore"), "é日".encode("ascii", "xmlcharrefreplace"), "é".encode("ascii", "backslashreplace"))
try:
    "é".encode("ascii")
except UnicodeEncodeError as e:
    print(type(e).__name__, e)
try:
    "x".encode("no-such-codec")
except LookupError as e:
    print(type(e).__name__, e)
print(b"\xe6\x97\xa5".decode(), b"caf\xe9".decode("latin-1"), b"\xf0\x9f\x98\x80".decode("utf-8"))
print("e\u0301" == "é", len("e\u0301"), "\u00e9" == "é")
print(max("hello"), min("hello"), sorted("hello"), list("日本"), tuple("ab"))
print("ﬃ".upper(), len("ﬃ".upper()), "İ".lower(), len("İ".lower()))
