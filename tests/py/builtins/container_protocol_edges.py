# Container edges: deep repr raises RecursionError, zip() propagates
# __iter__'s own exception, len() rejects huge negative results.
import sys

a = []
for i in range(sys.getrecursionlimit() + 100):
    a = [a]
try:
    repr(a)
except RecursionError as e:
    print("list RecursionError:", e)
d = {}
for i in range(sys.getrecursionlimit() + 100):
    d = {1: d}
try:
    repr(d)
except RecursionError as e:
    print("dict RecursionError:", e)
t = ()
for i in range(sys.getrecursionlimit() + 100):
    t = (t,)
try:
    repr(t)
except RecursionError as e:
    print("tuple RecursionError:", e)
print(repr([[[1, (2, {3: [4]})]]]))

class S(frozenset):
    pass

print(hash(S({1, 2, 3})) == hash(frozenset({1, 2, 3})))

err = TypeError("mine")


class BadIter:
    def __iter__(self):
        raise err

try:
    zip([1], BadIter())
except TypeError as e:
    print(e is err, e)
try:
    zip([1], 5)
except TypeError as e:
    print(e)


class Len:
    def __init__(self, n):
        self.n = n

    def __len__(self):
        return self.n

for n in (-1, -sys.maxsize - 10, sys.maxsize + 1, 3):
    try:
        print(len(Len(n)))
    except (ValueError, OverflowError) as e:
        print(type(e).__name__, e)
