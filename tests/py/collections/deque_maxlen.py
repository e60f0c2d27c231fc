# deque maxlen: trimming at the opposite end, maxlen=0, extend/extendleft,
# insert at maximum size, copy/+/* keep maxlen, read-only attribute.
from collections import deque

d = deque(range(10), maxlen=3)
print(d, d.maxlen)
d.append(10)
print(d)
d.appendleft(-1)
print(d)
d.extend([20, 21])
print(d)
d.extendleft([30, 31, 32, 33])
print(d)
print(d.pop(), d, d.popleft(), d)
d.append(1)
d.append(2)
print(d, len(d))

z = deque("abc", maxlen=0)
z.append(1)
z.appendleft(2)
z.extend(range(100))
z.extendleft(range(100))
print(z, len(z), z.maxlen, bool(z))

m = deque([1, 2], maxlen=5)
m.insert(1, "x")
m.insert(0, "y")
m.insert(100, "z")
print(m)
try:
    m.insert(0, "overflow")
except IndexError as e:
    print("IndexError:", e)
try:
    deque([], maxlen=0).insert(0, 1)
except IndexError as e:
    print("IndexError:", e)

# rotate with maxlen
r = deque(range(5), maxlen=5)
r.rotate(2)
print(r)
r.rotate(-3)
print(r)

# copy, +, * keep maxlen
c = deque([1, 2, 3], maxlen=4)
print(c.copy(), c.__copy__(), c + deque([4, 5, 6]), deque([9]) + c)
print(c * 2, 2 * c, c * 0, c * -3, c * 1)
c *= 3
print(c)
c += [7, 8]
print(c)
big = deque([1, 2, 3], maxlen=4)
print(big * (10 ** 12))

# __init__ again resets maxlen and contents
w = deque([1, 2, 3], maxlen=2)
print(w)
w.__init__("abcdef", maxlen=4)
print(w, w.maxlen)
w.__init__()
print(w, w.maxlen)

# maxlen argument forms
print(deque(maxlen=2), deque([], 7).maxlen, deque(maxlen=True).maxlen, deque(maxlen=False))
for bad in ["3", 2.0, -1, 2 ** 100, [1]]:
    try:
        deque([], bad)
    except (TypeError, ValueError, OverflowError) as e:
        print(type(e).__name__, e)

# read-only
try:
    c.maxlen = 10
except AttributeError as e:
    print("AttributeError:", e)
try:
    del c.maxlen
except AttributeError as e:
    print("AttributeError:", e)
print(deque.maxlen, deque.maxlen.__get__(deque(maxlen=6)))

# sliding window: running max of the last 3 values
vals = [5, 1, 4, 8, 2, 2, 9, 0, 3]
win = deque(maxlen=3)
print([(win.append(v), max(win))[1] for v in vals])
