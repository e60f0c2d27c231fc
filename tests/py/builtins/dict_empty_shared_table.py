# Empty dicts ({}, dict(), **kwargs, cleared dicts) start without a table of
# their own; every way of filling, reading or copying one must behave as a
# dict that always had one, and no two empty dicts may see each other's keys.
import copy
import sys


def kw(**k):
    return k


a, b = {}, {}
a["x"] = 1
print(a, b, a is b, len(b), "x" in b)

empties = [{}, dict(), kw(), dict.fromkeys([]), {}.copy(), copy.copy({}), copy.deepcopy({})]
for i, d in enumerate(empties):
    print(i, d, len(d), d.get("k"), list(d.items()), bool(d), d == {}, sys.getsizeof(d) > 0)
for i, d in enumerate(empties):
    d[i] = i * i
print(empties)

# every writer on an empty dict
d = {}
d.update({})
d.update([])
d.update(p=1)
print(d)
d = {}
print(d.setdefault("s", []), d)
d = {}
d |= {1: 2, 3: 4}
print(d)
d = {}
print(d.pop("nope", "dflt"))
try:
    d.popitem()
except KeyError as e:
    print("KeyError", e)
try:
    del d["a"]
except KeyError as e:
    print("KeyError", e)
try:
    d["missing"]
except KeyError as e:
    print("KeyError", e)

# clear gives the table back; the dict keeps working, many times over
d = {i: str(i) for i in range(50)}
for round_ in range(3):
    d.clear()
    print(round_, d, len(d))
    for i in range(round_ * 7):
        d[i] = -i
    print(sorted(d.items())[:3], len(d))

# growth from nothing keeps order and values
for n in (1, 5, 6, 40):
    d = {}
    for i in range(n):
        d[f"k{i}"] = i
    assert list(d) == [f"k{i}" for i in range(n)], n
    assert all(d[f"k{i}"] == i for i in range(n)), n
print("growth ok")

# a **kwargs dict written by its function, and one passed on
def collect(**opts):
    opts["seen"] = True
    return opts


print(collect(), collect(a=1), kw(**{}))

# dict subclasses and instance dicts still start as before
class D(dict):
    pass


class C:
    pass


dd = D()
dd["z"] = 26
c = C()
c.__dict__.update({})
c.q = 1
print(dd, type(dd).__name__, c.__dict__)

# comparison and hashing of keys across empty dicts
print({} == dict(), {} != {1: 1}, dict(sorted({}.items())), {**{}, **kw()})
