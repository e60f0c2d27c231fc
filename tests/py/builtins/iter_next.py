# iter() and next() including defaults and the sentinel form
it = iter([1, 2])
print(next(it), next(it), next(it, "default"), next(it, None))
try:
    next(it)
except StopIteration as e:
    print(type(e).__name__, repr(e.value) if hasattr(e, "value") else "")
print(list(iter("abc")), list(iter((1, 2))), sorted(iter({3, 1})), list(iter({"k": 1})))
counter = [0]
def tick():
    counter[0] += 1
    return counter[0]
print(list(iter(tick, 5)))
data = ["a", "b", "", "c"]
pos = [0]
def read():
    v = data[pos[0]]
    pos[0] += 1
    return v
print(list(iter(read, "")))
class CountDown:
    def __init__(self, n):
        self.n = n
    def __iter__(self):
        return self
    def __next__(self):
        if self.n <= 0:
            raise StopIteration
        self.n -= 1
        return self.n + 1
cd = CountDown(3)
print(iter(cd) is cd, list(cd), list(cd), next(cd, "exhausted"))
class OldSeq:
    def __getitem__(self, i):
        if i > 2:
            raise IndexError(i)
        return i * i
print(list(iter(OldSeq())), 4 in OldSeq(), 3 in OldSeq())
for bad in [5, None]:
    try:
        iter(bad)
    except TypeError as e:
        print(type(e).__name__, e)
try:
    next([1, 2])
except TypeError as e:
    print(type(e).__name__, e)
try:
    iter(5, 1)
except TypeError as e:
    print(type(e).__name__, e)
it2 = iter([10, 20, 30])
for x in it2:
    print("loop", x)
    if x == 10:
        print("skipped", next(it2))
print(next(iter(range(5))), next(iter("z")), next(reversed([1, 2])))
