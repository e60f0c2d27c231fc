# Iterators of lists and tuples stepped by for loops, next() and list(),
# beside the iterators that step by calls (a callable list subclass).
class L(list):
    def __call__(self):
        return 1
print(list(iter(L([5, 6]), 1)))
class T(tuple):
    n = 0
    def __call__(self):
        T.n += 1
        return T.n
print(list(iter(T((7, 8)), 3)))
class G(list):
    def __getitem__(self, i):
        if i > 2: raise IndexError
        return i * 10
    __iter__ = None
try:
    print(list(iter(G([1]))))
except TypeError as e:
    print("TypeError", e)
l = [1, 2, 3]
out = []
for x in l:
    out.append(x)
    if x == 1:
        l.append(4)
print(out)
t = (1, "a", None)
print([x for x in t])
it = iter([1, 2])
print(next(it), list(it), list(it))
print(list(reversed([1, 2, 3])))
print(list(reversed((1, 2, 3))))
d = {1: 2, 3: 4}
print(list(reversed(d)))
fs = frozenset({1, 2, 3})
print(sorted(x for x in fs))
s = {1, 2}
try:
    for x in s:
        s.add(x + 10)
except RuntimeError as e:
    print(e)
class LL(list): pass
print([x for x in LL([9, 8])])
