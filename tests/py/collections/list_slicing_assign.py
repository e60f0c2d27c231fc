# list slice reads, assignment, deletion
a = list(range(10))
print(a[2:5], a[:3], a[-3:], a[::2], a[::-1], a[7:2:-2], a[100:], a[-100:2])
a[2:5] = ["x"]
print(a)
a[1:1] = ["ins1", "ins2"]
print(a)
a[:0] = [-1]
print(a)
a[len(a):] = [100, 101]
print(a)
a[::3] = ["S"] * len(a[::3])
print(a)
del a[::2]
print(a)
del a[-2:]
print(a)
del a[:]
print(a, len(a))
b = list("abcdef")
b[1:4] = "XY"
print(b)
b[10:20] = ["far"]
print(b)
b[-10:1] = ["<"]
print(b)
b[3:1] = ["between"]
print(b)
b[:] = b[::-1]
print(b)
b[1:3] = b
print(b)
for idx, val in [(slice(None, None, 2), [1, 2]), (slice(0, 4, 2), 5), (slice(None, None, 0), [])]:
    try:
        b[idx] = val
    except (ValueError, TypeError) as e:
        print(type(e).__name__, e)
try:
    del b[::0]
except ValueError as e:
    print(type(e).__name__, e)
c = [0, 1, 2, 3, 4]
c[::-1] = "abcde"
print(c)
c[1::2] = (10, 30)
print(c)
e = [1, 2, 3]
e[0:2] = range(5)
print(e)
e[0:0] = iter([7, 8])
print(e)
