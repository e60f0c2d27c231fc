# min() and max() compare the items as the iterable gives them: the key and
# the comparisons interleave with a generator's own code, and an error stops
# the generator right where it was.
log = []


def values(seq):
    for v in seq:
        log.append(("yield", v))
        yield v


class Loud:
    def __init__(self, v):
        self.v = v

    def __lt__(self, other):
        log.append(("lt", self.v, getattr(other, "v", other)))
        return self.v < getattr(other, "v", other)

    def __gt__(self, other):
        log.append(("gt", self.v, getattr(other, "v", other)))
        return self.v > getattr(other, "v", other)

    def __repr__(self):
        return "Loud(%r)" % self.v


def key(x):
    log.append(("key", x))
    return -x


for fn in (max, min):
    log.clear()
    print(fn.__name__, fn(values([3, 1, 4, 1, 5])), len(log))
    log.clear()
    print(fn.__name__, "key", fn(values([3, 1, 4]), key=key), log)
    log.clear()
    print(fn.__name__, "mixed", fn(values([2, 7, Loud(5), 9, 1])), log)
    log.clear()
    print(fn.__name__, "floats", fn(values([2.5, -1, float("inf"), 3])), len(log))
    print(fn.__name__, "default", fn(values([]), default="none"), fn([], default=None))
    print(fn.__name__, "args", fn(3, 9, 2), fn(3, 9, 2, key=lambda x: x % 3))
    print(fn.__name__, "long", fn(x * 7 % 1000003 for x in range(200000)))
    print(fn.__name__, "tuple", fn((5, 8, -2)), fn([[1, 2], [1, 3], [0, 9]]))

g = values([1, 2, "three", 4, 5])
log.clear()
try:
    max(g)
except TypeError as e:
    print("TypeError", e)
consumed = list(log)
print(consumed, "left", list(g))

for bad in ([], (x for x in ())):
    try:
        min(bad)
    except ValueError as e:
        print("ValueError", e)
try:
    max(1, 2, default=0)
except TypeError as e:
    print("TypeError", e)
try:
    max()
except TypeError as e:
    print("TypeError", e)
try:
    max(5)
except TypeError as e:
    print("TypeError", e)
try:
    max([1], foo=1)
except TypeError as e:
    print("TypeError", e)


class Mutator:
    # Its comparison empties the list being searched: the search ends there.
    def __gt__(self, other):
        data.clear()
        return True

    def __lt__(self, other):
        return False


data = [1, Mutator(), 100, 200]
print(type(max(data)).__name__, data)
