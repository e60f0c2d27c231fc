# reversed(list) reads the list live, from the index it has reached; it
# pickles as (reversed, (list,), index) and as iter([]) once exhausted.
import copy
import pickle

l = [1, 2, 3, 4]
r = reversed(l)
print(type(r).__name__, r.__length_hint__())
print(next(r))
l[1] = 20
l.append(5)
print(list(r), r.__length_hint__())
print(next(r, "done"))

l = [1, 2, 3, 4]
r = reversed(l)
next(r)
del l[:]
print(r.__length_hint__(), list(r))

l = list(range(6))
r = reversed(l)
next(r)
print(r.__reduce__()[0].__name__, r.__reduce__()[1:])
for proto in range(pickle.HIGHEST_PROTOCOL + 1):
    it, a = pickle.loads(pickle.dumps((r, l), proto))
    a[:] = [10, 11, 12, 13, 14, 15, 16]
    print(proto, type(it).__name__, list(it))
r2 = copy.copy(r)
print(list(r2), list(r))
print(r.__reduce__())

r = reversed([1, 2, 3])
r.__setstate__(10)
print(list(r))
r = reversed([1, 2, 3])
r.__setstate__(-5)
print(list(r))
r = reversed([1, 2, 3])
r.__setstate__(0)
print(list(r))


class L(list):
    pass


print(list(reversed(L([7, 8, 9]))), type(reversed(L())).__name__)
print(list(reversed([])), [x for x in reversed([1, 2]) for _ in range(2)])
try:
    list.__reversed__(5)
except TypeError as e:
    print("TypeError", e)
try:
    type(reversed([])).__next__(iter([]))
except TypeError as e:
    print("TypeError", e)
