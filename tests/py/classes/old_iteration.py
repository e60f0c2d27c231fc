# The old sequence iteration protocol via __getitem__.
class Squares:
    def __getitem__(self, i):
        print("  getitem", i)
        if i >= 4:
            raise IndexError("done")
        return i * i

print(list(Squares()))
for v in Squares():
    if v > 1:
        break
print("in:", 4 in Squares())
print("in:", 5 in Squares())

it = iter(Squares())
print(type(it).__name__)
print(next(it), next(it))

class Word:
    def __getitem__(self, i):
        return "word"[i]
print(list(Word()))
print("".join(reversed("word")))
a, b, *rest = Word()
print(a, b, rest)
print(sorted(Word()))
print(tuple(Word()), dict.fromkeys(Word()))

class StopsEarly:
    def __getitem__(self, i):
        if i == 2:
            raise StopIteration
        return i
print(list(StopsEarly()))

class Raises:
    def __getitem__(self, i):
        if i == 1:
            raise KeyError("not index error")
        return i
try:
    list(Raises())
except KeyError as e:
    print("KeyError:", e)

class IterNone:
    __iter__ = None
    def __getitem__(self, i):
        return i
try:
    iter(IterNone())
except TypeError as e:
    print("TypeError:", e)

class Both:
    def __iter__(self):
        return iter(["from __iter__"])
    def __getitem__(self, i):
        return "from __getitem__"
print(list(Both()))

class Callable:
    def __init__(self):
        self.n = 0
    def __call__(self):
        self.n += 1
        return self.n
print(list(iter(Callable(), 4)))

class BadIter:
    def __iter__(self):
        return 5
try:
    iter(BadIter())
except TypeError as e:
    print("TypeError:", e)
try:
    iter(42)
except TypeError as e:
    print("TypeError:", e)
try:
    for x in None:
        pass
except TypeError as e:
    print("TypeError:", e)

class Counter:
    def __init__(self, hi):
        self.i, self.hi = 0, hi
    def __iter__(self):
        return self
    def __next__(self):
        if self.i >= self.hi:
            raise StopIteration
        self.i += 1
        return self.i
c = Counter(3)
print(list(c), list(c))
print(sum(Counter(10)), max(Counter(5)))
