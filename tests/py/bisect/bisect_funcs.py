# _bisect through CPython's bisect module: left/right, lo/hi, key, insort on
# lists, list subclasses and other sequences, and argument errors.
import bisect
import _bisect

def show(f):
    try:
        print(repr(f()))
    except Exception as e:
        print(type(e).__name__, e)

print(bisect.bisect_left is _bisect.bisect_left, bisect.insort is _bisect.insort_right)
data = [1, 2, 2, 2, 3, 5, 8, 8, 13]
for x in [0, 1, 2, 4, 8, 13, 20, 2.5, True]:
    print(x, bisect.bisect_left(data, x), bisect.bisect_right(data, x),
          bisect.bisect_left(data, x, 2), bisect.bisect_right(data, x, 0, 4),
          bisect.bisect(data, x, lo=3, hi=7))
print(bisect.bisect_left((1, 3, 5), 4), bisect.bisect_right('acegi', 'd'), bisect.bisect(range(0, 100, 5), 42))
print(bisect.bisect_left([], 1), bisect.bisect_right([], 1))

recs = [('a', 1), ('b', 3), ('c', 3), ('d', 7)]
print(bisect.bisect_left(recs, 3, key=lambda r: r[1]), bisect.bisect_right(recs, 3, key=lambda r: r[1]))
print(bisect.bisect_left(recs, 5, key=lambda r: r[1], lo=1, hi=3))

l = []
for v in [5, 1, 4, 1, 5, 9, 2, 6, 5, 3]:
    bisect.insort(l, v)
print(l)
l2 = []
for v in [5, 1, 4, 1.0, 5.0]:
    bisect.insort_left(l2, v)
print(l2)
people = []
for name, age in [('x', 30), ('y', 20), ('z', 30), ('w', 25)]:
    bisect.insort_right(people, (name, age), key=lambda p: p[1])
print(people)

class MyList(list):
    def insert(self, i, x):
        print('insert called', i, x)
        super().insert(i, x)

ml = MyList([1, 3])
bisect.insort(ml, 2)
print(ml)

class Seq:
    def __init__(self, items):
        self.items = items
    def __len__(self):
        return len(self.items)
    def __getitem__(self, i):
        print('get', i)
        return self.items[i]
    def insert(self, i, x):
        self.items.insert(i, x)

s = Seq([10, 20, 30, 40])
print(bisect.bisect(s, 25))
bisect.insort_left(s, 25)
print(s.items)

show(lambda: bisect.bisect_right(data, 2, -1))
show(lambda: bisect.bisect_right(data, 2, 0, -1))
show(lambda: bisect.bisect_right(data, 2, 0, -5))
show(lambda: bisect.bisect_right(data, 2, 0, 50))
show(lambda: bisect.bisect_right((1, 2), 2, 0, 50))
show(lambda: bisect.bisect_right(data, 2, 1.5))
show(lambda: bisect.bisect_right(data, 2, 0, 2.5))
show(lambda: bisect.bisect_right(data, 2, 0, 2 ** 80))
show(lambda: bisect.bisect_right(data))
show(lambda: bisect.bisect_right(data, 1, 0, 3, None))
show(lambda: bisect.bisect_right(data, 1, color=1))
show(lambda: bisect.bisect_right(data, 1, lo=2, hi=None))
show(lambda: bisect.bisect_left(x=2, a=data))
show(lambda: bisect.bisect_left(5, 1))
show(lambda: bisect.bisect_left({1: 2}, 1))
show(lambda: bisect.bisect_left([1, 'a'], 2))
show(lambda: bisect.insort((1, 2), 3))
show(lambda: bisect.insort([1, 2], 3, key=len))
show(lambda: bisect.bisect_right([1, 2, 3], 2, lo=10))
