# Generators as methods and __iter__ implementations.
class Tree:
    def __init__(self, value, *children):
        self.value = value
        self.children = children
    def __iter__(self):
        yield self.value
        for c in self.children:
            yield from c
    def depth_first(self, depth=0):
        yield depth, self.value
        for c in self.children:
            yield from c.depth_first(depth + 1)
    def leaves(self):
        if not self.children:
            yield self.value
        for c in self.children:
            yield from c.leaves()

t = Tree(1, Tree(2, Tree(4), Tree(5)), Tree(3, Tree(6)))
print(list(t))
print(list(t.depth_first()))
print(list(t.leaves()))
print(sum(t), max(t), 5 in t, 7 in t)

class Range:
    def __init__(self, lo, hi):
        self.lo, self.hi = lo, hi
    def __iter__(self):
        i = self.lo
        while i < self.hi:
            yield i
            i += 1
    def __reversed__(self):
        i = self.hi - 1
        while i >= self.lo:
            yield i
            i -= 1
r = Range(3, 7)
print(list(r), list(reversed(r)))
print(list(r), [x for x in r if x % 2])
it1, it2 = iter(r), iter(r)
print(next(it1), next(it1), next(it2))

class Fib:
    @staticmethod
    def upto(n):
        a, b = 0, 1
        while a <= n:
            yield a
            a, b = b, a + b
    @classmethod
    def named(cls):
        yield cls.__name__
print(list(Fib.upto(50)), list(Fib.named()))

class Lines:
    def __init__(self, text):
        self.text = text
    def __iter__(self):
        for line in self.text.split("\n"):
            if line.strip():
                yield line.strip()
doc = Lines("first\n\n  second  \nthird\n")
print(list(doc))
print(dict(enumerate(doc, 1)))

class Matrix:
    def __init__(self, rows):
        self.rows = rows
    def cells(self):
        for r, row in enumerate(self.rows):
            for c, v in enumerate(row):
                yield (r, c), v
    def column(self, c):
        return (row[c] for row in self.rows)
m = Matrix([[1, 2, 3], [4, 5, 6]])
print(dict(m.cells()))
print(list(m.column(1)), sum(m.column(2)))
print(type(m.column(0)).__name__, type(m.cells()).__name__)
