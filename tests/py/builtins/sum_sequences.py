# sum over lists and tuples: small ints, overflow into big ints, floats,
# bools, mixed types, start values, errors, and an __radd__ that changes the
# list while it is summed.
print(sum([1, 2, 3]), sum((4, 5, 6)), sum([]), sum(()), sum([], 7), sum((1,), start=10))
big = 2**61
print(sum([big, big, big, big]), sum((big, -big, big)), sum([2**62 - 1, 1]), sum([-(2**62), -1]))
print(sum([10**30, 1]), sum([1, 10**30, -(10**30)]), type(sum([1, 10**30, -(10**30)])).__name__)
print(sum([1, 2.5, 3]), sum([0.1] * 10), sum((True, True, 3)), sum([True, False]))
print(sum([1, 2], 0.5), sum([[1], [2, 3]], []), sum(((1,), (2,)), ()))
print(sum([1j, 2, 3.5]), sum(range(101)), sum(x * x for x in range(10)))
print(sum([1, 2, 3][::2]), sum(list(range(1000))))
for bad in [([1, "a"],), (["a", "b"], ""), ([1], b""), ([None],), ([1, 2], None)]:
    try:
        print(sum(*bad))
    except TypeError as e:
        print("TypeError:", e)

class Grow:
    def __init__(self, target):
        self.target = target
    def __radd__(self, other):
        self.target.append(100)
        return other + 1

l = [1, 2]
l.append(Grow(l))
print(sum(l), l[-1])

class Add:
    def __init__(self, v):
        self.v = v
    def __add__(self, other):
        return Add(self.v + (other.v if isinstance(other, Add) else other))
    def __radd__(self, other):
        return Add(other + self.v)
print(sum([Add(1), 2, Add(3)]).v, sum((Add(1),), Add(5)).v)

class L(list):
    def __iter__(self):
        return iter([1000])
print(sum(L([1, 2, 3])))
