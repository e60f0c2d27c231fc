# _codecs: the registry over CPython's encodings package, error handlers, stream decoding.
import codecs

info = codecs.lookup("UTF-8")
print(info.name, codecs.lookup("utf 8").name, codecs.lookup("latin1").name, codecs.lookup("ascii").name)
print(codecs.encode("héllo", "utf-8"), codecs.decode(b"h\xc3\xa9llo", "utf-8"))
print(codecs.encode("abc", "latin-1"), codecs.decode(b"\xe9", "latin-1"))
print(codecs.utf_8_encode("é€"), codecs.utf_8_decode(b"\xe2\x82", "strict", False))
print(codecs.utf_8_decode(b"a\xe2\x82\xac", "strict", True), codecs.utf_8_decode(b"ab\xe2"))
print(codecs.ascii_encode("abc"), codecs.latin_1_decode(b"\xff"))

dec = codecs.getincrementaldecoder("utf-8")()
print([dec.decode(b) for b in [b"\xe2", b"\x82", b"\xac!", b""]], dec.decode(b"", final=True))
enc = codecs.getincrementalencoder("utf-8")()
print(enc.encode("€"), enc.encode("", final=True))

for name in ["strict", "ignore", "replace", "backslashreplace", "xmlcharrefreplace", "namereplace",
             "surrogateescape", "surrogatepass"]:
    h = codecs.lookup_error(name)
    print(name, h.__name__)

e = UnicodeEncodeError("ascii", "aé€b", 1, 3, "ordinal not in range(128)")
for name in ["ignore", "replace", "backslashreplace", "xmlcharrefreplace", "namereplace"]:
    print(name, codecs.lookup_error(name)(e))
d = UnicodeDecodeError("utf-8", b"a\xff\xfeb", 1, 3, "invalid start byte")
for name in ["ignore", "replace", "backslashreplace", "surrogateescape"]:
    print(name, ascii(codecs.lookup_error(name)(d)))
try:
    codecs.lookup_error("strict")(e)
except UnicodeEncodeError as x:
    print("strict re-raises:", x is e)
try:
    codecs.lookup_error("xmlcharrefreplace")(d)
except TypeError as x:
    print("TypeError:", x)
se = UnicodeEncodeError("utf-8", "a\udcff", 1, 2, "surrogates not allowed")
print(codecs.lookup_error("surrogateescape")(se), codecs.lookup_error("surrogatepass")(se))


def my_handler(exc):
    return ("<?>", exc.end)


codecs.register_error("mine", my_handler)
print(codecs.lookup_error("mine") is my_handler)
for bad in ["no-such-encoding", "nope"]:
    try:
        codecs.lookup(bad)
    except LookupError as x:
        print("LookupError:", x)
try:
    codecs.lookup_error("nope")
except LookupError as x:
    print("LookupError:", x)
try:
    codecs.register_error("x", 3)
except TypeError as x:
    print("TypeError:", x)


def search(name):
    if name == "myenc":
        return codecs.CodecInfo(lambda s, errors="strict": (s.upper().encode(), len(s)),
                                lambda b, errors="strict": (bytes(b).decode().lower(), len(b)), name="myenc")
    return None


codecs.register(search)
print(codecs.encode("abc", "myenc"), codecs.decode(b"ABC", "myenc"), codecs.lookup("myenc").name)
codecs.unregister(search)
try:
    codecs.lookup("myenc")
except LookupError as x:
    print("after unregister:", x)
