# Deque iterators and reversed() stepped by loops and by native consumers:
# items, exhaustion, a deque changed during iteration, sequences whose
# __getitem__ ends or fails a reversed() walk, and subclasses of reversed.
from collections import deque

d = deque([1, 2, 3])
print(list(d), list(reversed(d)), sum(d), max(reversed(d)))
it = iter(d)
print(next(it), list(it), list(it), next(it, "end"))
r = reversed(d)
print(type(r).__name__, next(r), list(r), next(r, "end"))

# Changing the deque while it is iterated raises RuntimeError, in a loop and
# in next(); the iterator then stays exhausted.
for mutate in (lambda q: q.append(9), lambda q: q.popleft(), lambda q: q.rotate(1)):
    q = deque(range(5))
    seen = []
    try:
        for x in q:
            seen.append(x)
            if x == 1:
                mutate(q)
    except RuntimeError as e:
        print("RuntimeError", e, seen)
q = deque([1, 2])
it = reversed(q)
next(it)
q.appendleft(0)
try:
    next(it)
except RuntimeError as e:
    print("reversed:", e)
print(list(it))

# reversed() over sequences.
print(list(reversed((1, 2, 3))), list(reversed("abc")), list(reversed(range(3))))
print("".join(reversed("héllo")), [x for x in reversed([[1], [2]])])


class Seq:
    def __init__(self, n, fail_at=None, exc=IndexError):
        self.n, self.fail_at, self.exc = n, fail_at, exc

    def __len__(self):
        return self.n

    def __getitem__(self, i):
        if i == self.fail_at:
            raise self.exc("at %d" % i)
        return i * 10


print(list(reversed(Seq(4))))
print(list(reversed(Seq(4, fail_at=1))))
print(list(reversed(Seq(4, fail_at=2, exc=StopIteration))))
try:
    for x in reversed(Seq(4, fail_at=2, exc=KeyError)):
        print("item", x)
except KeyError as e:
    print("KeyError", e)


class Rev(reversed):
    def __next__(self):
        return super().__next__() * 2


class PlainRev(reversed):
    pass


print(list(Rev([1, 2, 3])), list(PlainRev([1, 2, 3])), type(PlainRev("ab")).__name__)
rv = reversed([1, 2])
print(iter(rv) is rv, rv.__length_hint__(), list(rv), rv.__length_hint__())

# After the error, the forward iterator raises again (it tests for a change
# first); the reverse one is exhausted (it tests for its end first).
q = deque([1, 2, 3])
it = iter(q)
next(it)
q.append(4)
for attempt in range(2):
    try:
        print("forward", next(it))
    except RuntimeError as e:
        print("forward", e)
