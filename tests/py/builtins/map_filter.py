# map and filter, laziness and multiple iterables
print(list(map(abs, [-1, 2, -3])), list(map(str.upper, "abc")), list(map(pow, [2, 3], [3, 2])), list(map(lambda a, b, c: a + b + c, "ab", "cd", "efg")))
print(list(filter(None, [0, 1, "", "x", None, [], [0], False, True])), list(filter(lambda x: x % 2, range(10))), list(filter(str.isdigit, "a1b2c3")))
m = map(lambda x: x * 10, [1, 2, 3])
print(next(m), list(m), list(m))
def noisy(x):
    print("  call", x)
    return x * 2
lazy = map(noisy, [1, 2, 3])
print("created")
print(next(lazy))
print(list(lazy))
f = filter(lambda x: x > 1, iter([0, 1, 2, 3]))
print(iter(f) is f, list(f))
print(list(map(len, ["a", "bb", ""])), sum(map(int, "12345")), list(map(int, ["1", "-2"])))
try:
    list(map(int, ["1", "x"]))
except ValueError as e:
    print(type(e).__name__, e)
try:
    map(abs)
except TypeError as e:
    print(type(e).__name__, e)
try:
    list(map(5, [1]))
except TypeError as e:
    print(type(e).__name__, e)
try:
    filter(None, 5)
except TypeError as e:
    print(type(e).__name__, e)
print(list(map(lambda *a: a, [1, 2], [3])), list(map(tuple, ["ab", "c"])), list(filter(lambda s: s, map(str.strip, [" a", "  ", "b "]))))
