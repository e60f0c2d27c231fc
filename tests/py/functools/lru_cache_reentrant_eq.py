# A key whose __eq__ calls the same lru_cache (and so reorders the cache's
# dict while a lookup of that dict compares keys) still finds its entry:
# the lookup neither loops for ever nor deadlocks. The same holds for a
# plain dict whose key comparison writes to the dict.
import functools


@functools.lru_cache(maxsize=10)
def cached(x):
    return x


class Reenter:
    def __init__(self, x):
        self.x = x

    def __hash__(self):
        return self.x

    def __eq__(self, other):
        if self.x == 2:
            cached(Reenter(1))
        return self.x == other.x


cached(Reenter(1))
cached(Reenter(2))
print(cached(Reenter(2)).x, cached.cache_info())

d = {}


class Writer:
    def __init__(self, x):
        self.x = x

    def __hash__(self):
        return 7

    def __eq__(self, other):
        d["side"] = d.get("side", 0) + 1
        return isinstance(other, Writer) and self.x == other.x


d[Writer(1)] = "one"
d[Writer(1)] = "uno"
del d[Writer(1)]
print(sorted((k if isinstance(k, str) else "W", v) for k, v in d.items()))
try:
    del d[Writer(2)]
except KeyError as e:
    print("KeyError", type(e.args[0]).__name__)
