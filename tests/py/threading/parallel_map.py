# protopy.parallel_map: results in order, the first failing item's exception
# re-raised, argument checking. Under CPython (no protopy module) a sequential
# reference implementation with the same contract runs instead, so both
# interpreters must print the same thing.
try:
    from protopy import parallel_map, cpu_count
except ImportError:
    import os

    def cpu_count():
        return os.cpu_count()

    def _positive(v, msg):
        if v is None:
            return None
        if not isinstance(v, int):
            raise TypeError("'%s' object cannot be interpreted as an integer" % type(v).__name__)
        if v < 1:
            raise ValueError(msg)
        return v

    def parallel_map(func, iterable, chunksize=None, *, max_workers=None):
        _positive(chunksize, "chunksize must be >= 1")
        _positive(max_workers, "max_workers must be greater than 0")
        return [func(x) for x in list(iterable)]


def sq(x):
    return x * x


print(parallel_map(sq, range(10)))
print(parallel_map(sq, []))
print(parallel_map(str.upper, ["a", "bc", "def"]))
print(parallel_map(len, ("x" * i for i in range(7)), 2))
print(parallel_map(lambda t: t[0] + t[1], [(1, 2), (3, 4)], chunksize=1))
r = parallel_map(sq, range(20000), max_workers=2)
print(type(r).__name__, len(r), sum(r), r[:3], r[-1])
for mw in (1, 2, 3, 64):
    for cs in (None, 1, 7, 1000, 50000):
        r = parallel_map(sq, range(3001), cs, max_workers=mw)
        assert r == [x * x for x in range(3001)], (mw, cs)
print("all worker/chunk combinations agree")
print(cpu_count() >= 1)


def boom(x):
    if x % 1000 == 777:
        raise KeyError(x)
    return -x


for mw in (None, 1, 2):
    try:
        parallel_map(boom, range(5000), 3, max_workers=mw)
    except KeyError as e:
        print("KeyError", e.args)


class Counter:
    def __init__(self):
        self.items = []


def build(i):
    c = Counter()
    for j in range(i % 5):
        c.items.append((i, j))
    return c


objs = parallel_map(build, range(500), max_workers=2)
print(sum(len(o.items) for o in objs), objs[499].items)

for bad in (
    lambda: parallel_map(sq, range(3), 0),
    lambda: parallel_map(sq, range(3), "x"),
    lambda: parallel_map(sq, range(3), max_workers=0),
    lambda: parallel_map(sq, range(3), max_workers=2.5),
    lambda: parallel_map(sq, 5),
):
    try:
        bad()
    except (TypeError, ValueError) as e:
        print(type(e).__name__, e)
