# pickling and copying the builtin iterators mid-way (__reduce__/__setstate__)
import pickle, copy
for k, it in objs.items():
    try:
        next(it)
        r = pickle.loads(pickle.dumps(it))
        print(k, list(r))
    except Exception as e:
        print(k, type(e).__name__, e)
it = iter(range(10, 0, -3)); next(it); print(it.__reduce__())
it = iter("héllo"); next(it); next(it); print(it.__reduce__()); it.__setstate__(4); print(list(it))
it = iter(b"abc"); print(it.__reduce__()); list(it); print(it.__reduce__())
d = {1: 'a', 2: 'b', 3: 'c'}; it = iter(d.items()); next(it); print(it.__reduce__(), next(it))
it = iter({5, 6}); print(type(it.__reduce__()[1][0]).__name__)
c = iter([1,2,3,4]).__next__; it = iter(c, 3); print(it.__reduce__()[1][1], list(pickle.loads(pickle.dumps(iter(iter([1,2,3,4]).__next__, 3)))))
import copy
it = iter("abc"); next(it); print(list(copy.copy(it)), list(it))
try: type(iter("a")).__reduce__(5)
except TypeError as e: print(e)
try: iter("a").__setstate__("x")
except TypeError as e: print(e)
it = iter(range(2**70, 2**70 + 9, 4)); next(it)
print(list(pickle.loads(pickle.dumps(it))))
it = iter(range(5)); it.__setstate__(-5); print(list(it))
