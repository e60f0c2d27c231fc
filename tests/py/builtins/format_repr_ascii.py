# format(), repr() and ascii() builtins
print(format(3.14159, ".2f"), format(42), format(42, "08b"), format("s", "^5"), format(1234567, ","), format(0.25, "%"), format(True), format(None))
print(repr(1), repr("a'b"), repr([1, "x"]), repr(None), repr(1.0), repr((1,)), repr({1: "v"}), repr(b"\x01"), repr(Ellipsis), repr(NotImplemented))
print(ascii("abc"), ascii("é"), ascii(["ü", "日"]), ascii({"k": "€"}), ascii(b"\xff"), ascii(1.5), ascii("\n"))
print(repr(int), repr(str), repr(type), repr(object), repr(len), repr(print), repr(ValueError))
print(repr(type(None)), repr(type(...)), repr(type(NotImplemented)), repr(range(1, 5, 2)), repr(slice(1, None)))
class Plain:
    pass
print(repr(Plain).endswith(".Plain'>"), repr(Plain).startswith("<class '"), repr(Plain.__name__))
class R:
    def __repr__(self):
        return "R<é>"
print(repr(R()), ascii(R()), str(R()), format(R()), f"{R()!a}")
class BadRepr:
    def __repr__(self):
        return None
try:
    repr(BadRepr())
except TypeError as e:
    print(type(e).__name__, e)
class Err:
    def __repr__(self):
        raise ValueError("repr failed")
try:
    print([Err()])
except ValueError as e:
    print(type(e).__name__, e)
try:
    format(1, 2)
except TypeError as e:
    print(type(e).__name__, e)
print(format(12.5, ""), format(12.5, "g"), str(12.5), format("x", ""))
