# type() with one and three arguments
for v in [1, 1.0, 1j, "s", b"b", [], (), {}, set(), frozenset(), None, True, range(1), type, len, print, ...]:
    print(type(v).__name__, type(v))
print(type(1) is int, type(True) is bool, type(True) is int, type(type(1)) is type)
Dyn = type("Dyn", (), {"x": 1, "hello": lambda self: "hi from " + type(self).__name__})
d = Dyn()
print(Dyn.__name__, d.x, d.hello(), type(d) is Dyn, isinstance(d, Dyn))
Child = type("Child", (Dyn,), {"y": 2})
c = Child()
print(c.x, c.y, c.hello(), [k.__name__ for k in Child.__mro__])
for args in [("Bad", 1, {}), ("Bad", (), []), (1, (), {})]:
    try:
        type(*args)
    except TypeError as e:
        print(type(e).__name__, e)
try:
    type()
except TypeError as e:
    print(type(e).__name__, e)
try:
    type(1, 2)
except TypeError as e:
    print(type(e).__name__, e)
print(type.__name__, int.__name__, type(int).__name__, int.__qualname__, type(Dyn).__name__)
