# for loops over user-defined iterables, generators, dict views and strings
class Countdown:
    def __init__(self, start):
        self.start = start
    def __iter__(self):
        n = self.start
        while n > 0:
            yield n
            n -= 1
for n in Countdown(3):
    print("countdown", n)
class Squares:
    def __getitem__(self, i):
        if i >= 4:
            raise IndexError("done")
        return i * i
for s in Squares():
    print("square", s)
def pairs():
    yield "a", 1
    yield "b", 2
for k, v in pairs():
    print(k, v)
d = {"x": 1, "y": 2}
for key in d.keys():
    print("key", key)
for val in d.values():
    print("val", val)
for item in d.items():
    print("item", item)
for i, ch in enumerate(reversed("abc")):
    print(i, ch)
for b in b"hi":
    print("byte", b)
for x in range(10, 0, -4):
    print("range", x)
for a, b in zip(range(3), "xyz"):
    print(a, b)
it = iter([1, 2, 3, 4, 5])
for x in it:
    if x == 2:
        next(it)
    print("iter", x)
try:
    for x in 5:
        pass
except TypeError as e:
    print(type(e).__name__, e)
class BadIter:
    def __iter__(self):
        return self
try:
    for x in BadIter():
        pass
except TypeError as e:
    print(type(e).__name__, e)
