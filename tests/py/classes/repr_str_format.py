# __repr__, __str__ and __format__.
class Both:
    def __repr__(self):
        return "Both()"
    def __str__(self):
        return "both as str"
class ReprOnly:
    def __repr__(self):
        return "ReprOnly<>"
class StrOnly:
    def __str__(self):
        return "str only"

b, r = Both(), ReprOnly()
print(b)
print(repr(b), str(b))
print([b, r])
print(f"{b} {b!r} {b!s}")
print(r, str(r), f"{r}")
print(StrOnly())
print(str(StrOnly()) == format(StrOnly()))
print("%s %r" % (b, b))
print({"k": b}, (r,))

class Money:
    def __init__(self, v):
        self.v = v
    def __format__(self, spec):
        if spec == "":
            return f"${self.v}"
        if spec == "cents":
            return f"{self.v * 100}c"
        return "$" + format(self.v, spec)
m = Money(3.5)
print(f"{m}")
print(f"{m:cents}")
print(f"{m:.3f}")
print(format(m, ">8.1f"))
print("{:cents} and {}".format(m, m))
print("{0:.2f}|{0}".format(m))

class NoFormat:
    def __str__(self):
        return "nf"
print(format(NoFormat()), f"{NoFormat()}")
try:
    format(NoFormat(), "10")
except TypeError as e:
    print("TypeError:", e)

class BadRepr:
    def __repr__(self):
        return 5
try:
    repr(BadRepr())
except TypeError as e:
    print("TypeError:", e)
class BadStr:
    def __str__(self):
        return None
try:
    str(BadStr())
except TypeError as e:
    print("TypeError:", e)
class BadFormat:
    def __format__(self, spec):
        return 1
try:
    format(BadFormat())
except TypeError as e:
    print("TypeError:", e)

class Sub(str):
    def __str__(self):
        return "custom str"
    def __repr__(self):
        return "custom repr"
s = Sub("payload")
print(s, repr(s), str(s), f"{s}", s + "!")
print([s])

class Nested:
    def __init__(self, children):
        self.children = children
    def __repr__(self):
        return f"Nested({self.children!r})"
print(Nested([Nested([]), Nested([1, "a"])]))

class Cls:
    pass
print(repr(Cls).startswith("<class '"), repr(Cls))
print(str(int), repr(None), str(None))
print(ascii(Both()), ascii("héllo"))
print(f"{Both()!a}")
print(format(123, ""), format("x", "^5"), format(3.0))
