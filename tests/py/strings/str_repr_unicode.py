# repr and ascii of strings with special and non-ASCII characters
samples = ["plain", "it's", 'say "hi"', "both ' and \"", "\n\t\r", "\x00\x1f\x7f\x80\x9f\xa0\xad", "café", "日本語",
           "😀", "\u200b", "\u2028\u2029", "\ud800" if False else "\ufffd", "\U000e0001", "\\", "", "'", '"', "\x1b[0m", "\u0300x", "ÿĀ"]
for s in samples:
    print(repr(s), ascii(s), len(s))
print(repr("a" * 3), str("x"), str(), str(5), str([1, "a"]), repr(["a", "b'c", 'd"e']))
print(str(b"bytes"), str(None), str(3.0), str(-0j))
print(str(b"caf\xc3\xa9", "utf-8"), str(b"abc", encoding="ascii"), str(bytearray(b"xy"), "latin-1"))
try:
    str(b"\xff", "utf-8")
except UnicodeDecodeError as e:
    print(type(e).__name__, e)
print(str(b"\xffa", "utf-8", "replace"), str(b"\xffa", "utf-8", "ignore"), str(b"\xffa", "ascii", errors="backslashreplace"))
try:
    str("abc", "utf-8")
except TypeError as e:
    print(type(e).__name__, e)
class S:
    def __str__(self):
        return "S-str"
    def __repr__(self):
        return "S-repr"
print(str(S()), repr(S()), [S()], (S(),), {S(): 1} and "dict-ok", f"{S()}", f"{S()!r}", "%s %r" % (S(), S()))
class OnlyRepr:
    def __repr__(self):
        return "OnlyRepr()"
print(str(OnlyRepr()), f"{OnlyRepr()}", ascii(OnlyRepr()))
class Bad:
    def __str__(self):
        return 42
try:
    str(Bad())
except TypeError as e:
    print(type(e).__name__, e)
class U:
    def __repr__(self):
        return "Ü-ñ"
print(repr(U()), ascii(U()), ascii([U(), "é"]))
