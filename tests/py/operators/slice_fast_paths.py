# Slicing, slice assignment and unpacking of exact lists and tuples (the interpreter's
# fast paths) against the general path: subclasses, odd bounds, aliasing, errors.


class L(list):
    def __getitem__(self, k):
        return ("L.getitem", k)


class Idx:
    def __init__(self, v):
        self.v = v

    def __index__(self):
        return self.v


a = list(range(10))
t = tuple(range(10))
print(a[2:5], a[:3], a[7:], a[:], a[-3:], a[:-7], a[-100:100], a[5:2], a[100:])
print(a[::2], a[::-1], a[8:2:-2], a[2:8:-1], a[-1:-4:-1], a[::-3], a[1::3], a[9:-11:-4])
print(t[2:5], t[::-1], t[-2:], t[5:5], t[::4])
print(t[:] is t, t[0:10] is t, t[0:10:1] is t, t[::1] is t, t[1:] is t)
print(a[:] is a, a[:] == a)
print(a[True:3], a[Idx(2):Idx(4)], a[1:Idx(-1):Idx(3)])
print(a[-(10**30):10**30], a[10**30:], a[::10**30], a[::-(10**30)])
print(a[slice(1, 4)], t[slice(None, None, -2)], a[slice(-2, None)])
try:
    a[::0]
except ValueError as e:
    print("ValueError:", e)
try:
    t[1:2:0]
except ValueError as e:
    print("ValueError:", e)
try:
    a["x":]
except TypeError as e:
    print("TypeError:", e)
print(L([1, 2, 3])[1:2], L([1, 2, 3])[::-1])

# Slice assignment.
b = list(range(8))
b[2:4] = [20, 30, 40]
print(b)
b[:0] = (-1, -2)
print(b)
b[-2:] = []
print(b)
b[5:1] = ["x"]
print(b)
b[100:] = "yz"
print(b)
b[:] = b
print(b)
b[1:3] = b
print(b)
c = [1, 2, 3]
c[Idx(1):Idx(2)] = (9, 9)
print(c)
c[True:] = []
print(c)
c[::-1] = [7]
print(c)
try:
    c[::2] = [1, 2, 3]
except ValueError as e:
    print("ValueError:", e)
try:
    c[0:1] = 5
except TypeError as e:
    print("TypeError:", e)
d = [0, 1, 2, 3]
d[1:3] = iter([5, 6, 7])
print(d)
d[:2] = L([8])
print(d)
e = [1, 2, 3]
f = e
e[:] = []
print(e, f, e is f)

# Unpacking.
p, q, r = [1, 2, 3]
print(p, q, r)
x, y = (4, 5)
print(x, y)
for bad in ([1, 2], [1, 2, 3, 4], (1,), L([1, 2, 3])):
    try:
        p, q, r = bad
        print("unpacked", p, q, r)
    except ValueError as exc:
        print(type(bad).__name__, "ValueError:", exc)
lst = [[1, 2], [3, 4]]
for m, n in lst:
    print(m + n, end=" ")
print()
s = [1, 2]
s[0], s[1] = s
print(s)


# The same inside a function, with the list rebuilt each time.
def fannkuch_flip(perm):
    k = perm[0]
    flips = 0
    while k:
        perm[:k + 1] = perm[k::-1]
        flips += 1
        k = perm[0]
    return flips, perm


print(fannkuch_flip([3, 1, 4, 0, 2, 5]), fannkuch_flip([0, 1]), fannkuch_flip([2, 0, 1]))
