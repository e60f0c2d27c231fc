# slice objects: attributes, indices(), use as subscripts
s = slice(1, 10, 2)
print(s, s.start, s.stop, s.step, slice(5), slice(None, None), slice(1, 2))
data = list(range(12))
print(data[s], data[slice(None, None, -3)], "abcdef"[slice(2, None)], (1, 2, 3)[slice(-2, None)])
for sl, n in [(slice(None), 5), (slice(1, None, -1), 5), (slice(-100, 100, 3), 10), (slice(None, None, -1), 0), (slice(3, 1), 5), (slice(-1, -5, -2), 6)]:
    print(sl, n, sl.indices(n), list(range(*sl.indices(n))))
try:
    slice(1, 2, 0).indices(5)
except ValueError as e:
    print(type(e).__name__, e)
try:
    slice(1, 2).indices(-1)
except ValueError as e:
    print(type(e).__name__, e)
print(slice(1, 2) == slice(1, 2), slice(1, 2) == slice(1, 3), slice(1, 2) < slice(1, 3))
try:
    hash(slice(1, 2))
    print("slice hashable")
except TypeError as e:
    print(type(e).__name__, e)
class Recorder:
    def __getitem__(self, key):
        return key
r = Recorder()
print(r[1:2], r[::], r[1:2:3], r[:, 1], r[1:2, ::3], r[...], r[()], r[1,])
print(slice("a", "b", "c"), slice(None, [1]).stop)
try:
    [1, 2][slice("a", None)]
except TypeError as e:
    print(type(e).__name__, e)
try:
    s.start = 5
except AttributeError as e:
    print(type(e).__name__, e)
