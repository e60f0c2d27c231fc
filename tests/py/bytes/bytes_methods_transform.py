# transforming methods on bytes and bytearray
b = b"  Hello World  "
print(b.strip(), b.lstrip(), b.rstrip(), b.strip(b" Hd"), b.upper(), b.lower(), b.swapcase(), b.title(), b.capitalize())
print(b"abc".center(9, b"*"), b"abc".ljust(6, b"-"), b"abc".rjust(6), b"42".zfill(5), b"-7".zfill(4))
print(b"a\tb".expandtabs(4), b"hello".replace(b"l", b"L"), b"hello".replace(b"l", b"", 1), b"aaa".replace(b"", b"-"))
print(b"prefix-data".removeprefix(b"prefix-"), b"data.bin".removesuffix(b".bin"))
t = bytes.maketrans(b"abc", b"ABC")
print(len(t), b"aabbcc".translate(t), b"aabbcc".translate(None, b"b"), b"hello".translate(t, b"lo"))
print(b"\xe9t\xe9".upper(), b"\xc9".lower(), b"caf\xe9".isalpha(), b"abc".isalpha(), b"123".isdigit(), b"a1".isalnum())
print(b" \t\n".isspace(), b"ABC".isupper(), b"abc".islower(), b"Title Case".istitle(), b"\x80".isascii(), b"x".isascii())
ba = bytearray(b"  mixed Case  ")
r = ba.strip().upper()
print(r, type(r).__name__, ba)
print(bytearray(b"x").center(5), type(bytearray(b"x").replace(b"x", b"y")).__name__)
print(b"hello world".split(b"o"), b"hello world".split(maxsplit=1), b"1,2,3".rsplit(b",", 1))
try:
    b"x".center(5, b"ab")
except TypeError as e:
    print(type(e).__name__, e)
try:
    bytes.maketrans(b"ab", b"c")
except ValueError as e:
    print(type(e).__name__, e)
try:
    b"x".replace("x", "y")
except TypeError as e:
    print(type(e).__name__, e)
