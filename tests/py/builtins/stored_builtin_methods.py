# Calls of builtin methods through stored bound methods, and the fast paths
# of list/deque methods: results, errors and profile events.
import collections
import sys
import types


def show(f, *a, **k):
    try:
        print("ok", repr(f(*a, **k)))
    except Exception as e:
        print(type(e).__name__, e)


items = [3, 1, 2]
push, take = items.append, items.pop
for v in (7, "x", None):
    push(v)
print(items)
print(take(), take(0), items)
show(push)
show(push, 1, 2)
show(push, x=1)
show(take, 1, 2)
show(take, "a")
show(take, 99)
show([].pop)
show(take, index=0)

# A method object wrapping a builtin (the receiver is bound by the method).
m = types.MethodType(list.append, items)
m(42)
print(items[-1])
show(m)
m2 = types.MethodType(len, "abcd")
show(m2)
m3 = types.MethodType(list.append, "not a list")
show(m3, 1)

# Unbound descriptors called with a receiver of the wrong type.
show(list.append, (), 1)
show(list.pop, "abc")
show(list.pop)

d = collections.deque([1, 2])
ap, apl, po, pol = d.append, d.appendleft, d.pop, d.popleft
ap(3)
apl(0)
print(list(d), len(d))
print(pol(), po(), list(d), len(d))
show(ap)
show(po, 1)
show(collections.deque().popleft)
show(collections.deque().pop)
show(collections.deque.append, [], 1)


class D(collections.deque):
    def __len__(self):
        return 17


print(len(D([1, 2, 3])), len(collections.deque(range(5), maxlen=3)))
bounded = collections.deque(maxlen=2)
for i in range(5):
    bounded.append(i)
    bounded.appendleft(-i)
print(list(bounded), len(bounded))

# A list that grows past its first storage, popped back to empty.
grow = []
g = grow.append
for i in range(1000):
    g(i)
print(len(grow), grow[0], grow[-1])
while grow:
    grow.pop()
print(grow)

events = []


def prof(frame, event, arg):
    if event.startswith("c_"):
        events.append((event, getattr(arg, "__name__", None)))


def profiled():
    lst = []
    a = lst.append
    a(1)
    p = lst.pop
    p()
    try:
        p()
    except IndexError:
        pass
    dq = collections.deque()
    dq.append(1)
    len(dq)
    dq.popleft()


sys.setprofile(prof)
profiled()
sys.setprofile(None)
for e in events:
    print(e)
