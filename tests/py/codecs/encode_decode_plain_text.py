# str.encode / bytes.decode of text the codec would copy unchanged (UTF-8
# without lone surrogates, ASCII text in ASCII or Latin-1): the same
# results and errors as through the codec, whatever the spelling and the
# error handler.
texts = ["", "collinwinter", "caf\u00e9", "\u20ac uro", "\U0001f600", "a\udc80b", "\ud800"]
encs = ["utf-8", "utf8", "UTF-8", "UTF8", "utf_8", "U8", "ascii", "ASCII", "us-ascii",
        "latin-1", "latin1", "iso-8859-1", "latin_1", "cp1252"]
for t in texts:
    row = []
    for enc in encs:
        for errors in ("strict", "surrogatepass", "replace", "no-such-handler"):
            try:
                row.append(repr(t.encode(enc, errors)))
            except UnicodeEncodeError as e:
                row.append("UEE(%s,%d,%d)" % (e.encoding, e.start, e.end))
            except LookupError as e:
                row.append("LookupError(%s)" % e)
    print(ascii(t), " ".join(row))

blobs = [b"", b"collinwinter", "caf\u00e9".encode(), b"\xff\xfe", b"a\xed\xa0\x80b", b"\x80abc"]
for b in blobs:
    row = []
    for enc in encs:
        for errors in ("strict", "surrogatepass", "surrogateescape", "no-such-handler"):
            try:
                row.append(ascii(b.decode(enc, errors)))
            except UnicodeDecodeError as e:
                row.append("UDE(%s,%d,%d)" % (e.encoding, e.start, e.end))
            except LookupError as e:
                row.append("LookupError(%s)" % e)
    print(b, " ".join(row))

print(str(b"abc", "utf-8", "surrogatepass"), str(b"abc", encoding="ascii"))
print("abc".encode(encoding="utf-8", errors="strict"), "abc".encode(), b"abc".decode())
for bad in [("utf-8", 1), (None,), (b"utf-8",)]:
    try:
        "abc".encode(*bad)
    except TypeError as e:
        print("TypeError", e)
try:
    "abc".encode("no-such-codec")
except LookupError as e:
    print("LookupError", e)

# BytesIO writes: appended, overwritten in place, past the end (a gap of
# zeros), straddling the end; reads of every size.
import io
f = io.BytesIO()
for chunk in (b"ab", b"cd", bytearray(b"ef"), memoryview(b"gh")):
    print(f.write(chunk), f.tell(), end=" | ")
print(f.getvalue())
f.seek(2)
print(f.write(b"XY"), f.getvalue(), f.tell())
f.seek(6)
print(f.write(b"1234"), f.getvalue(), f.tell())
f.seek(14)
print(f.write(b"!"), f.getvalue(), f.tell())
f.seek(0)
print([f.read(n) for n in (0, 1, 3, -1, 5)], f.read(None), f.tell())
f.seek(3)
print(f.read(2), f.read(), f.read(), f.tell())
try:
    f.write("str")
except TypeError as e:
    print("TypeError", e)
try:
    f.read("1")
except TypeError as e:
    print("TypeError", e)
class Two:
    def __index__(self):
        return 2
f.seek(0)
print(f.read(Two()), f.read(True))
f.close()
for op in (lambda: f.write(b"x"), lambda: f.read(1)):
    try:
        op()
    except ValueError as e:
        print("ValueError", e)
