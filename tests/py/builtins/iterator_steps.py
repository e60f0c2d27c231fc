# enumerate, zip, map and filter stepped by for loops, next(), list() and
# unpacking: items, counts past the small-int range, strict zip errors,
# exceptions from the iterators and functions, subclasses, and the tuple
# unpacking that goes with them.
import gc

l = [3, 1, 2]
for j, x in enumerate(l):
    print(j, x)
print(list(enumerate("ab", 2**62 - 1)), list(enumerate("ab", -(2**70))))
print(list(enumerate([], 5)), list(enumerate(iter((7, 8)), start=-1)))
e = enumerate("xy")
print(iter(e) is e, next(e), next(e), next(e, "done"))
try:
    next(e)
except StopIteration as exc:
    print("StopIteration", exc.args)

print(list(zip(l, "abc", (True, False, None))), list(zip()), list(zip(l)))
print(list(zip(range(5), "ab")), list(zip("ab", range(5))))
for args in [("ab", "abc"), ("abc", "ab"), ("ab", "ab", "a"), ("a", "ab", "ab"), ("ab", "ab")]:
    try:
        print(list(zip(*args, strict=True)))
    except ValueError as exc:
        print("ValueError:", exc)

def gen(n, fail_at=None):
    for i in range(n):
        if i == fail_at:
            raise KeyError(i)
        yield [i] * 3

for it in [zip(gen(3), gen(5, fail_at=2)), map(len, gen(4, fail_at=3))]:
    try:
        print(list(it))
    except KeyError as exc:
        print("KeyError", exc)
z = zip(gen(2), gen(2))
print(next(z), next(z), next(z, "end"))

print(list(map(pow, [2, 3], [5, 2], [7, 5])), list(map(str.upper, "ab")))
print(list(map(lambda *a: sum(a), *[range(3)] * 10)))
m = map(int, ["1", "x", "3"])
print(next(m))
try:
    next(m)
except ValueError as exc:
    print("ValueError:", exc)
print(next(m))
print(list(filter(None, [0, 1, "", "a", None, [], [0]])), list(filter(lambda v: v % 2, range(7))))
f = filter(lambda v: 1 / v, [1, 0, 2])
print(next(f))
try:
    next(f)
except ZeroDivisionError as exc:
    print("ZeroDivisionError:", exc)
print(list(f))

class E(enumerate):
    def __next__(self):
        i, v = super().__next__()
        return i * 10, v

class Z(zip):
    pass

print(list(E("abc")), list(Z("ab", "cd")), type(iter(Z("a", "b"))).__name__)

# Items made while other iterators run stay alive (collections forced often).
def churn(n):
    for i in range(n):
        gc.collect()
        yield {"i": i, "pad": [i] * 10}

total = 0
for a, b, c in zip(churn(30), churn(30), churn(30)):
    total += a["i"] + b["pad"][3] + c["i"]
print(total, sum(map(lambda x, y: x["i"] * y["i"], churn(20), churn(20))))

a, b = (1, 2)
c, d = [3, 4]
(e1, f1), g1 = ((5, 6), 7)
print(a, b, c, d, e1, f1, g1)
for bad in [(1, 2, 3), (1,), [1, 2, 3], "abc", 5]:
    try:
        p, q = bad
        print(p, q)
    except (ValueError, TypeError) as exc:
        print(type(exc).__name__ + ":", exc)

class T(tuple):
    def __iter__(self):
        return iter(("sub", "class"))
p, q = T((1, 2))
print(p, q)
