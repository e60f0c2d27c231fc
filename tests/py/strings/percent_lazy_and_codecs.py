# % formatting converts only what each specifier uses; utf-16/32 codecs
log = []
class Loud:
    def __str__(self):
        log.append("str")
        return "S"
    def __repr__(self):
        log.append("repr")
        return "R"
    def __int__(self):
        log.append("int")
        return 7
    def __index__(self):
        log.append("index")
        return 5
    def __float__(self):
        log.append("float")
        return 2.5
x = Loud()
for fmt in ["%s", "%r", "%d", "%x", "%f", "%a", "%i", "%o", "%e"]:
    log.clear()
    print(fmt, fmt % x, log)
class Boom:
    def __str__(self):
        raise RuntimeError("str called")
    def __repr__(self):
        return "Boom()"
print("%r" % Boom(), "%r %s" % (1, "ok"))
try:
    "%s" % Boom()
except RuntimeError as e:
    print(type(e).__name__, e)
class Keyed:
    def __getitem__(self, k):
        log.append(k)
        return k * 2
log.clear()
print("%(a)s-%(bc)r" % Keyed(), log)
print(b"%(k)s|%(n)d" % {b"k": b"v", b"n": 3}, b"%c%c" % (65, b"B"), b"%5b|%-4a|" % (b"xy", "\xe9"))
for enc in ["utf-16", "utf-16-le", "utf-16-be", "utf-32", "utf-32-le", "utf-32-be"]:
    data = "a\xe9\u4e16\U0001f600".encode(enc)
    print(enc, len(data), data[:8], data.decode(enc))
for bad, enc in [(b"a\x00b", "utf-16-le"), (b"\x00\xd8a\x00", "utf-16-le"), (b"\x00\xdc", "utf-16-le"), (b"\x00\x00\x11\x00", "utf-32-le"), (b"ab", "utf-32")]:
    for errors in ["strict", "replace", "ignore", "backslashreplace"]:
        try:
            print(enc, errors, ascii(bad.decode(enc, errors)))
        except UnicodeDecodeError as e:
            print(enc, errors, e.reason, e.start, e.end, e)
try:
    "\ud800".encode("utf-16")
except UnicodeEncodeError as e:
    print(e.encoding, e.start, e.end, e.reason, ascii(e.object))
print("\ud800x".encode("utf-16-le", "surrogatepass"), "\ud800".encode("utf-32-be", "replace"))
try:
    print("x".encode("utf-8", "no-such-handler"))
    "\xe9".encode("ascii", "no-such-handler")
except LookupError as e:
    print(type(e).__name__, e)
