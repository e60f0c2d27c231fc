# Indexing arrays of every typecode, large ones included (an item is read in
# place): positive and negative indices, the ends, out of range, after growth.
from array import array

for tc in "bBhHiIlLqQfd":
    a = array(tc, range(50)) * 1000
    n = len(a)
    print(tc, n, a[0], a[1], a[49], a[50], a[n - 1], a[-1], a[-n], a[12345])
    for bad in (n, -n - 1, 10**6):
        try:
            a[bad]
        except IndexError as e:
            print("  IndexError:", e)
    a.append(7)
    print("  after append:", a[-1], a[n], len(a))
    a[5] = 9
    print("  after set:", a[5], a[-(n + 1) + 5])

u = array("u", "héllo wörld" * 100)
print(u[1], u[7], u[-1], u[1099])
s = 0
big = array("d", [0.5]) * 100000
for i in range(0, 100000, 7):
    s += big[i]
print(s)
print(big[True], type(big[False]).__name__)
try:
    big["x"]
except TypeError as e:
    print("TypeError:", e)
try:
    big[1.0]
except TypeError as e:
    print("TypeError:", e)
