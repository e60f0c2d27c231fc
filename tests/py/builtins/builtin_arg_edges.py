# enumerate's arguments, sets as keys of set methods, recursive set reprs,
# keyword arguments of builtin subclasses, index bounds past the i64 range,
# and cells.
import sys
import types

for args, kw in (((), {}), ((1,), {}), (("abc", "a"), {}), (("abc", 2, 3), {}),
                 ((), {"iterable": [], "x": 3}), ((), {"x": 0})):
    try:
        enumerate(*args, **kw)
    except TypeError as e:
        print("TypeError", args, sorted(kw))
print(list(enumerate(iterable="ab", start=5)))

s = {frozenset([1]), 2}
s.remove({1})
s.discard({2})
print(s, {3} in {frozenset([3])})
try:
    s.remove({9})
except KeyError as e:
    print("KeyError", e)


class R:
    def __repr__(self):
        return repr(self.v)


class SetSub(set):
    pass


for t in (set, frozenset, SetSub):
    r = R()
    x = t([r])
    r.v = x
    print(repr(x))


class L(list):
    def __init__(self, seq, extra=None):
        super().__init__(seq)
        self.extra = extra


class T(tuple):
    def __new__(cls, seq, extra=None):
        self = super().__new__(cls, seq)
        self.extra = extra
        return self


class FS(frozenset):
    def __new__(cls, seq, extra=None):
        self = super().__new__(cls, seq)
        self.extra = extra
        return self


class Fl(float):
    def __init__(self, v, extra=None):
        self.extra = extra


for cls in (L, T, FS):
    o = cls([1, 2], extra=3)
    print(type(o).__name__, sorted(o), o.extra)
print(Fl(1.5, extra=4).extra)
for cls in (list, tuple, float, frozenset):
    try:
        cls(sequence=())
    except TypeError as e:
        print("TypeError", e)

u = [-2, -1, 0, 0, 1, 2]
print(u.index(0, -4 * sys.maxsize, 4 * sys.maxsize), tuple(u).index(0, 3, 10 ** 30))

c = types.CellType(5)
e = types.CellType()
print(c.cell_contents, e < c, types.CellType(2) < types.CellType(3), e == types.CellType())
try:
    e.cell_contents
except ValueError as err:
    print("ValueError", err)
del c.cell_contents
try:
    c.cell_contents
except ValueError as err:
    print("ValueError", err)
try:
    hash(e)
except TypeError as err:
    print("TypeError", err)

def f():
    pass


for name in ("__name__", "__qualname__"):
    try:
        delattr(f, name)
    except TypeError as err:
        print("TypeError", err)
