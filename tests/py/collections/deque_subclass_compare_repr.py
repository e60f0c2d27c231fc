# deque subclasses (own __init__, attributes, overridden methods), repr
# (maxlen, subclass names, recursion), and rich comparisons.
from collections import deque


class Tagged(deque):
    def __init__(self, iterable=(), tag="t", maxlen=None):
        super().__init__(iterable, maxlen)
        self.tag = tag
        self.log = []

    def append(self, x):
        self.log.append(("append", x))
        super().append(x)

    def describe(self):
        return f"{self.tag}:{len(self)}:{list(self)}"


t = Tagged([1, 2], tag="first")
t.append(3)
t.appendleft(0)
print(t, t.tag, t.log, t.describe())
print(type(t).__name__, isinstance(t, deque), issubclass(Tagged, deque), t.__dict__)
t.extra = 5
print(sorted(vars(t)), t.extra)
print(Tagged("ab", maxlen=3))
print(len(t), t[0], t[-1], 2 in t, list(reversed(t)))


class Plain(deque):
    pass


p = Plain([1, 2, 3], 5)
print(p, repr(p), p.maxlen)
c = p.copy()
print(type(c).__name__, c, c is p)
print(type(p + deque([4])).__name__, p + deque([4]))
print(type(p * 2).__name__, p * 2)
print(type(deque([0]) + p).__name__)
p2 = p.__copy__()
p2.append(9)
print(p, p2)
print(Plain().__reduce__()[0] is Plain, Plain([1]).__reduce__()[1:3])
q = Plain()
q.name = "n"
print(q.__reduce__()[2])


class Pair(deque):
    def __init__(self, a, b):
        super().__init__([a, b])


pr = Pair(1, 2)
print(pr)
try:
    pr.copy()
except TypeError as e:
    print("TypeError:", e)


class Weird(deque):
    def __init__(self, *args):
        super().__init__()


class BadCopy(deque):
    def __new__(cls, *args):
        if args:
            return 42
        return super().__new__(cls)


try:
    BadCopy().copy()
except TypeError as e:
    print("TypeError:", e)


class Counted(deque):
    def __len__(self):
        return 100

    def __repr__(self):
        return "Counted!"


cc = Counted([1])
print(len(cc), repr(cc), bool(cc), str(cc), [cc])

# repr forms
print(repr(deque()), repr(deque([None, "s", 1.5, (1,)])), repr(deque(maxlen=0)))
print(str(deque("ab", 5)))
r = deque([1])
r.append(r)
print(r)
s = deque()
s.append([s, {"k": s}])
print(s)
u = Plain([1])
u.append(u)
print(u)
nested = deque([deque([1, deque()]), deque(maxlen=2)])
print(nested)

# comparisons
A = deque([1, 2, 3])
print(A == deque([1, 2, 3]), A != deque([1, 2, 3]), A == deque([1, 2]), A == A)
print(A < deque([1, 2, 4]), A < deque([1, 2]), A < deque([1, 2, 3, 0]), A <= A)
print(A > deque([0, 9]), A >= deque([1, 2, 3]), deque() < deque([0]), deque() >= deque())
print(deque("abc") < deque("abd"), deque([1, 2]) == Plain([1, 2]), Plain([2]) > deque([1]))
print(deque([1.0, 2]) == deque([1, 2.0]), deque([[1]]) == deque([[1]]), deque(maxlen=3) == deque())
print(A == [1, 2, 3], A == (1, 2, 3), [1, 2, 3] == A)
print(sorted([deque([3]), deque([1, 2]), deque([1]), deque()]))
nan = float("nan")
print(deque([nan]) == deque([nan]), deque([1, nan]) < deque([1, nan]))
try:
    deque([1, "a"]) < deque([1, 2])
except TypeError as e:
    print("TypeError:", e)


class Loud:
    def __init__(self, v):
        self.v = v

    def __eq__(self, o):
        return isinstance(o, Loud) and self.v == o.v

    def __lt__(self, o):
        return self.v < o.v

    def __repr__(self):
        return f"Loud({self.v})"


print(deque([Loud(1), Loud(2)]) < deque([Loud(1), Loud(3)]), deque([Loud(1)]) == deque([Loud(1)]))
print(deque[int], deque[int] == deque[int], deque["T"])
