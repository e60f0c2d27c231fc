# list indexing, negative indices and errors
a = ["zero", "one", "two"]
print(a[0], a[-1], a[-3], a[2], a[True], a[False])
a[-1] = "TWO"
print(a)
for idx in [3, -4, 10 ** 20]:
    try:
        a[idx]
    except IndexError as e:
        print(idx, "get", type(e).__name__, e)
    try:
        a[idx] = 0
    except IndexError as e:
        print(idx, "set", type(e).__name__, e)
    try:
        del a[idx]
    except IndexError as e:
        print(idx, "del", type(e).__name__, e)
for idx in ["0", 1.0, None, (0,), [0]]:
    try:
        a[idx]
    except TypeError as e:
        print(repr(idx), type(e).__name__, e)
class I:
    def __index__(self):
        return 1
print(a[I()], a[I():], a[:I()])
del a[I()]
print(a)
nested = [[1, 2], [3, [4, 5]]]
print(nested[1][1][0], nested[-1][-1][-1], nested[0][::-1])
nested[1][1][1] = "five"
print(nested)
try:
    nested[0][5]
except IndexError as e:
    print(type(e).__name__, e)
