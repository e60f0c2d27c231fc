# Reflected container dunders (dict.__ror__, set/frozenset.__rsub__,
# bytes/bytearray.__rmod__), bytes.__bytes__, bytearray.__alloc__ and
# range/slice members, called directly.


def show(label, f, *args):
    try:
        r = f(*args)
        print(label, type(r).__name__, repr(r))
    except Exception as e:
        print(label, "raised", type(e).__name__, e)


class D(dict):
    pass


class OrLeft:
    def __or__(self, other):
        return "OrLeft.__or__"


# dict.__ror__
a = {"x": 1, "y": 2}
b = {"y": 20, "z": 30}
show("dict.ror", a.__ror__, b)
show("dict.or", a.__or__, b)
show("dict.ror list", a.__ror__, [("q", 1)])
show("dict.ror sub", D(k=1).__ror__, D(k=2, j=3))
show("dict.ror noargs", a.__ror__)
show("dict.__ror__ bad self", dict.__ror__, [], {})
print(OrLeft() | a)
try:
    [1] | a
except TypeError as e:
    print("TypeError", e)
print(D(a=1) | {"b": 2}, type(D(a=1) | {"b": 2}).__name__)

# set / frozenset __rsub__
s = {1, 2, 3}
f = frozenset({2, 3, 4})
show("set.rsub", s.__rsub__, {3, 4, 5})
show("set.rsub frozen", s.__rsub__, frozenset({1, 9}))
show("frozenset.rsub", f.__rsub__, {1, 2, 9})
show("frozenset.rsub frozen", f.__rsub__, frozenset({4, 5}))
show("set.rsub list", s.__rsub__, [1, 2])
show("set.rsub noargs", s.__rsub__)
show("set.__rsub__ bad self", set.__rsub__, frozenset(), set())
print(sorted({10, 20} - f), sorted(frozenset({1, 2}) - s))

# bytes / bytearray
show("bytes.rmod", b"abc".__rmod__, b"<%s>")
show("bytes.rmod str", b"abc".__rmod__, "%s")
show("bytes.rmod bytearray", b"abc".__rmod__, bytearray(b"%s"))
show("bytes.rmod tuple", (b"x").__rmod__, b"%s-%s")
show("bytearray.rmod", bytearray(b"q").__rmod__, bytearray(b"[%s]"))
show("bytearray.rmod bytes", bytearray(b"q").__rmod__, b"[%s]")
show("bytes.rmod noargs", b"a".__rmod__)
show("bytes.bytes", b"hi".__bytes__)
bb = b"same"
print(bb.__bytes__() is bb)


class B(bytes):
    pass


x = B(b"sub")
show("bytes.bytes sub", x.__bytes__)
print(x.__bytes__() is x, bytes(x), type(bytes(x)).__name__)
show("bytes.bytes args", bb.__bytes__, 1)
show("bytes.__bytes__ bad self", bytes.__bytes__, bytearray(b"a"))
print("__bytes__" in dir(bytearray), "__alloc__" in dir(bytes))
print(bytearray(b"").__alloc__(), bytearray(b"abc").__alloc__() >= 3, type(bytearray(b"x").__alloc__()).__name__)
show("bytearray.alloc args", bytearray().__alloc__, 1)

# range / slice
r = range(2, 20, 3)
print(r.start, r.stop, r.step, bool(r), bool(range(0)), bool(range(5, 1)), bool(range(10**30)))
show("range.bool", r.__bool__)
show("range.bool empty", range(3, 3).__bool__)
show("range.bool big empty", range(10**30, 10**29).__bool__)
print(repr(range.__dict__["start"]), type(range.__dict__["stop"]).__name__)
print(range.start.__get__(r), range.step.__get__(r, range), range.start.__get__(None, range) is range.start)
for name in ("start", "stop", "step"):
    try:
        setattr(r, name, 1)
    except AttributeError as e:
        print(name, "set:", e)
    try:
        delattr(r, name)
    except AttributeError as e:
        print(name, "del:", e)
try:
    range.start.__set__(r, 5)
except AttributeError as e:
    print("__set__:", e)
try:
    range.start.__get__(slice(1))
except TypeError as e:
    print("TypeError", e)
sl = slice(1, None, "z")
print(sl.start, sl.stop, sl.step, slice.stop.__get__(sl), repr(slice.__dict__["step"]))
try:
    sl.start = 3
except AttributeError as e:
    print("slice set:", e)
try:
    del sl.step
except AttributeError as e:
    print("slice del:", e)
try:
    slice.step.__get__(r)
except TypeError as e:
    print("TypeError", e)
print(hasattr(range, "start"), getattr(range(4), "stop"), [n for n in ("start", "stop", "step") if n in dir(slice)])
