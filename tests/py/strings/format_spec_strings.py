# format spec mini-language applied to strings and the format() builtin
words = ["", "a", "abc", "héllo", "日本"]
for w in words:
    print(repr(format(w, "")), repr(format(w, "5")), repr(format(w, "<5")), repr(format(w, ">5")), repr(format(w, "^5")), repr(format(w, ".2")), repr(format(w, "_^7.1")))
print(format("x", "\u2605^5"), format("x", "{<3"), format("x", "}>3"), format("x", "0>4"), format("x", "04"))
print(format("abc", "s"), format("abc", ">1"), format("abc", ".0") + "|", format("abc", "10.2s") + "|")
for spec in ["d", "=5", "+5", " ", "#", ",", "5,", "z"]:
    try:
        print(format("abc", spec))
    except ValueError as e:
        print(repr(spec), type(e).__name__, e)
print(format(None, ""), format([1, 2], ""), format((1,), ""), format({"a": 1}))
try:
    format(None, "10")
except TypeError as e:
    print(type(e).__name__, e)
try:
    format([1], ">5")
except TypeError as e:
    print(type(e).__name__, e)
class F:
    def __format__(self, spec):
        return "F(" + spec + ")"
print(format(F()), format(F(), "xyz"), "{:hello}".format(F()), f"{F():!r}")
class BadF:
    def __format__(self, spec):
        return 1
try:
    format(BadF())
except TypeError as e:
    print(type(e).__name__, e)
print(str.__format__("abc", ">6"), int.__format__(5, "03"), object.__format__(None, "") if False else "skip")
print(format(12345678, ">15,d"), format(-12345678, "^+15,d"), format(1234.5678, "=+12,.2f"))
print(format(0, ","), format(999, ","), format(1000, ","), format(-1000, "_"), format(10 ** 9, ","))
print(format(255, "_x"), format(2 ** 32 - 1, "_X"), format(8 ** 8, "_o"), format(1234.5, ",.0f"), format(0.000001, ",f"))
print(format(1e6, ",g"), format(123456789.123, ",.3f"), format(-0.5, ",.0f"))
