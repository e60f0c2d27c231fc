# float() parsing from strings
good = ["1", "1.5", "-1.5", "+.5", "5.", "1e3", "1E-3", "-1e+3", "  3.25  ", "1_000.5",
        "inf", "-inf", "INF", "Infinity", "-iNfInItY", "nan", "-nan", "NaN", "0", "-0",
        "1e400", "1e-400", "-1e400", "0x10" if False else "16", "\n7.0\t", "1_0e1_0", "٣.٥"]
for s in good:
    print(repr(s), float(s))
bad = ["", " ", "abc", "1.2.3", "1e", "e5", "1_.5", "1._5", "_1.0", "0x10", "1,5", "in", "nana", "- 1", "1e3.5", "--1"]
for s in bad:
    try:
        float(s)
    except ValueError as e:
        print(type(e).__name__, e)
print(float(), float(3), float(-7), float(True), float(2 ** 60))
print(float(b"2.5"), float(bytearray(b"-0.25")))
for v in (None, [1.0], 1j, "1j"):
    try:
        float(v)
    except (TypeError, ValueError) as e:
        print(type(e).__name__, e)
class F:
    def __float__(self):
        return 1.25
class I:
    def __index__(self):
        return 8
print(float(F()), float(I()))
class Bad:
    def __float__(self):
        return "x"
try:
    float(Bad())
except TypeError as e:
    print(type(e).__name__, e)
print(float.fromhex("0x1.8p1"), float.fromhex("-0x10"), float.fromhex("inf"))
