# string indexing and slicing
s = "abcdefghij"
print(s[0], s[-1], s[5], s[-10], s[9])
print(s[2:5], s[:3], s[7:], s[:], s[-3:], s[:-3], s[-5:-2])
print(s[::2], s[1::2], s[::-1], s[::-2], s[8:2:-1], s[8:2:-3], s[2:8:-1], s[-1:-11:-1])
print(repr(s[5:2]), repr(s[100:]), repr(s[-100:2]), s[:100], s[-100:100], repr(s[3:3]))
print(s[slice(1, 4)], s[slice(None, None, -1)], s[slice(2, None)], s[slice(-2, None, -4)])
print(s[True], s[False:True + 3], s[0:len(s):3])
for idx in [10, -11, 100]:
    try:
        s[idx]
    except IndexError as e:
        print(idx, type(e).__name__, e)
for idx in ["1", 1.0, None]:
    try:
        s[idx]
    except TypeError as e:
        print(repr(idx), type(e).__name__, e)
try:
    s[::0]
except ValueError as e:
    print(type(e).__name__, e)
try:
    s[1.5:]
except TypeError as e:
    print(type(e).__name__, e)
try:
    s[0] = "z"
except TypeError as e:
    print(type(e).__name__, e)
class I:
    def __index__(self):
        return 3
print(s[I()], s[I():], s[:I()], s[::I()])
u = "naïve 日本語 😀!"
print(len(u), u[6], u[-2], u[6:9], u[::-1], u[-3:])
e = ""
print(repr(e[:]), repr(e[::-1]), repr(e[0:0]))
try:
    e[0]
except IndexError as ex:
    print(type(ex).__name__, ex)
print(slice(1, 2, 3), slice(5), slice(None), slice(1, 10, 2).indices(5), slice(None, None, -1).indices(4), slice(-100, 100).indices(7))
