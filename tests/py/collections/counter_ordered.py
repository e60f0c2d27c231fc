# Counter and OrderedDict: counting, arithmetic, ordering operations.
from collections import Counter, OrderedDict

c = Counter("hello world")
print(c.most_common(3))
print(c["l"], c["zzz"])
c.update("lll")
print(c["l"])
c.subtract({"l": 10})
print(c["l"])
print(sorted((+c).items()))
print(sorted((-c).items()))
a = Counter(a=3, b=1)
b = Counter(a=1, b=2, c=5)
print(a + b, a - b, a & b, a | b)
print(sorted(a.elements()))
print(Counter({"x": 2}).total())
print(Counter(a=1) == Counter(a=1, b=0))
try:
    Counter(1, 2)
except TypeError as e:
    print("TypeError:", e)
print(repr(Counter()))
print(Counter(["a", "b", "a"]))

o = OrderedDict()
o["b"] = 1
o["a"] = 2
o["c"] = 3
print(o)
o.move_to_end("b")
print(list(o))
o.move_to_end("c", last=False)
print(list(o))
print(o.popitem(), o.popitem(last=False), o)
try:
    o.move_to_end("nope")
except KeyError as e:
    print("KeyError", e)
x = OrderedDict(a=1, b=2)
y = OrderedDict(b=2, a=1)
print(x == y, dict(x) == dict(y), x == dict(y))
print(list(reversed(x)))
try:
    OrderedDict().popitem()
except KeyError as e:
    print("KeyError", e)
