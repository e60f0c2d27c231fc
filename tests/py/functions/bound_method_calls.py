# Calls through stored bound methods, `with` statements whose __enter__ and
# __exit__ are Python functions of several shapes, *args receivers, and
# native methods read as attributes: results, errors and tracebacks.
import sys
import threading
import traceback


class Counter:
    def __init__(self):
        self.n = 0

    def bump(self, k=1):
        self.n += k
        return self.n

    def many(self, *rest):
        return (self, rest)

    def gen(self, k):
        for i in range(k):
            yield i * self.n

    def fails(self, x):
        raise ValueError("bad %r" % (x,))


c = Counter()
b = c.bump
for _ in range(5):
    b()
print(c.n, b(10), b(k=3))
m = c.many
print(m()[1], m(1)[1], m(1, 2, 3)[1], m(*[4, 5])[1], m()[0] is c)
g = c.gen
print(list(g(3)))
try:
    c.bump(1, 2, 3)
except TypeError as e:
    print("TypeError:", e)
try:
    b(1, 2)
except TypeError as e:
    print("TypeError:", e)
f = c.fails
try:
    f(7)
except ValueError as e:
    tb = traceback.extract_tb(e.__traceback__)
    print("ValueError:", e, [fr.name for fr in tb])


def deep(k):
    return deep_m(k - 1) if k else 0


class R:
    def down(self, k):
        return self.down(k - 1) + 1 if k else 0


deep_m = R().down
print(deep(50))
try:
    deep_m(10 ** 6)
except RecursionError as e:
    print("RecursionError:", e)


class CM:
    def __init__(self, name, swallow=False):
        self.name, self.swallow, self.log = name, swallow, []

    def __enter__(self):
        self.log.append("enter")
        return self.name

    def __exit__(self, *exc):
        self.log.append(("exit", exc[0].__name__ if exc[0] else None))
        return self.swallow


class CMDefaults:
    def __enter__(self, extra=5):
        return extra

    def __exit__(self, t, v, tb, more=None):
        return False


class CMGenEnter:
    def __enter__(self):
        yield 1

    def __exit__(self, *a):
        pass


class CMBadEnter:
    def __enter__(self):
        raise KeyError("no entry")

    def __exit__(self, *a):
        print("never")


cm = CM("a")
with cm as v:
    print("body", v)
print(cm.log)
cm = CM("b", swallow=True)
with cm as v:
    raise OSError("swallowed")
print(cm.log)
cm = CM("c")
try:
    with cm:
        1 / 0
except ZeroDivisionError as e:
    print("ZeroDivisionError:", e, cm.log)
with CMDefaults() as v:
    print("defaults", v)
with CMGenEnter() as v:
    print("generator enter", type(v).__name__, list(v))
try:
    with CMBadEnter():
        print("not run")
except KeyError as e:
    print("KeyError:", e)
with CM("x") as a, CM("y") as b2:
    print("nested", a, b2)


def count_with(n):
    cm = CM("loop")
    for i in range(n):
        with cm as v:
            pass
    return len(cm.log)


print(count_with(1000))

lock = threading.Lock()
ex = lock.__exit__
en = lock.__enter__
print(en(), lock.locked(), ex(None, None, None), lock.locked())
app = [].append
print(type(app).__name__, app(1))
try:
    lock.__exit__(*())
except RuntimeError as e:
    print("RuntimeError:", e)


class Shadow:
    pass


s = Shadow()
s.append = lambda x: ("shadowed", x)
print(s.append(1))
print(sys.getrecursionlimit() > 100)
