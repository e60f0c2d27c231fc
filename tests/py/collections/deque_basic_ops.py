# deque: construction, both ends, extend/extendleft, len/bool/in, indexing,
# iteration, copy, clear, count, and the queue-like patterns that
# queue.SimpleQueue and concurrent.futures rely on.
from collections import deque
import collections

d = deque()
print(d, len(d), bool(d))
d.append(1)
d.append(2)
d.appendleft(0)
d.appendleft(-1)
print(d, len(d), bool(d))
print(d.pop(), d.popleft(), d)
d.extend([10, 20, 30])
d.extend((40,))
d.extend(x * x for x in range(3))
print(d)
d.extendleft("abc")
print(d)
print(d[0], d[1], d[-1], d[-2], d[len(d) - 1])
d[0] = "C"
d[-1] = 99
print(d)
del d[0]
del d[-1]
del d[3]
print(d)
print("a" in d, "zz" in d, 20 in d, 4 not in d)
print(list(d), list(reversed(d)))
print([x for x in d if isinstance(x, int)])

# construction from various iterables
print(deque("hello"), deque(range(5)), deque({1: 2, 3: 4}), deque(deque([7, 8])))
print(deque(iterable=[1, 2]), deque([3], None), deque(maxlen=None))

# count, index
e = deque([1, 2, 1, 3, 1, "1", 1.0])
print(e.count(1), e.count("1"), e.count(5), e.index(1), e.index(3), e.index(1, 1), e.index(1, 3, 5))
print(e.index("1", -3), e.index(1.0, -2))

# copy is shallow and independent
inner = [1, 2]
f = deque([inner, 3])
g = f.copy()
h = f.__copy__()
g.append(4)
inner.append(99)
print(f, g, h, g is f, h == f, type(g).__name__)

# clear
g.clear()
print(g, len(g))
g.clear()
print(g)

# d.extend(d) and d += d use a copy of the items
s = deque([1, 2, 3])
s.extend(s)
print(s)
s.extendleft(s)
print(s)
s += s
print(len(s), s.count(1))

# queue patterns: FIFO and LIFO over many items (O(1) at both ends)
q = deque()
for i in range(100000):
    q.append(i)
total = 0
while q:
    total += q.popleft()
print("fifo", total, len(q))
for i in range(50000):
    q.appendleft(i)
    q.append(-i)
print(len(q), q[0], q[-1], q[50000], q[49999])
acc = 0
while len(q) > 2:
    acc += q.pop() + q.popleft()
print("both", acc, q)

# interleaved growth and shrinking keeps order
r = deque()
out = []
for i in range(1000):
    r.append(i)
    if i % 3 == 0:
        out.append(r.popleft())
print(out[:10], len(r), r[0], r[-1], sum(r))

# module identity and types
import _collections
print(collections.deque is deque is _collections.deque)
print(deque, type(deque()), deque.__name__, deque.__qualname__, deque.__module__)
print(type(iter(deque())).__name__, type(reversed(deque())).__name__)
print(deque[int], deque[str].__origin__ is deque)
print(deque.append.__qualname__, deque.maxlen)
it = iter(deque([1, 2, 3]))
print(it.__length_hint__(), next(it), it.__length_hint__(), list(it), it.__length_hint__())
rv = reversed(deque("xyz"))
print(iter(rv) is rv, rv.__length_hint__(), list(rv))
print(deque([1, 2]).__reduce__()[:3], deque([1], 4).__reduce__()[:3])
print(list(deque("ab").__reduce__()[3]))
import collections.abc as abc
print(isinstance(d, abc.MutableSequence), isinstance(d, abc.Sequence), isinstance(d, abc.Hashable))
print(deque.__hash__ is None, deque.__doc__.splitlines()[0])

# deques are sequences for pattern matching
for v in [deque(), deque([1]), deque("abcd")]:
    match v:
        case []:
            print("empty")
        case [x]:
            print("one", x)
        case [a, *rest, b]:
            print("many", a, rest, b)
