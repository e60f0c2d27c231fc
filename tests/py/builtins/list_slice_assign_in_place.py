# Slice reads and slice assignments of lists and tuples, in place and by copy,
# against random bounds, steps and sources (the list itself included).
import random
random.seed(5)
for trial in range(3000):
    n = random.randrange(0, 12)
    l = list(range(n))
    ref = list(l)
    a = random.choice([None, random.randrange(-15, 15)])
    b = random.choice([None, random.randrange(-15, 15)])
    kind = random.randrange(4)
    if kind == 0:
        src = list(range(100, 100 + random.randrange(0, 14)))
    elif kind == 1:
        src = tuple(range(200, 200 + random.randrange(0, 14)))
    elif kind == 2:
        src = l
    else:
        src = l[a:b:-1] if random.random() < 0.5 else l[::2]
    l[a:b] = src
    print(trial, l)
    t = tuple(range(n))
    step = random.choice([None, 1, 2, -1, -3])
    print(t[a:b:step], l[a:b:step], t[a:b], type(t[:]) is tuple, t[:] is t)
l = [1, 2, 3]
l[1:] = l
print(l)
l = [[]] * 3
l[:0] = (1, 2)
print(l, len(l))
l = list(range(10))
for i in (-20, -3, 0, 4, 10, 30):
    m = list(l); m.insert(i, 'x'); print(m)
print(l[1:8:2], l[::-1], l[8:1:-3], (1,2,3)[::-1], "abc"[::-1], l[None:None:None])
try:
    l[::0]
except ValueError as e:
    print(e)
class S:
    def __getitem__(self, k): return k
print(S()[1:2:3])
