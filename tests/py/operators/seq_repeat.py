# Sequence repetition: lists and tuples times ints in both orders, identities,
# nesting (shared references), negative and zero counts, subclasses, errors.
t = (1, "a")
l = [1, "a"]
for n in (-3, -1, 0, 1, 2, 5):
    print(n, t * n, n * t, l * n, n * l)
print((t * 1) is t, (1 * t) is t, (t * 0) == (), (l * 1) is l, (l * 1) == l)
print(() * 5, [] * 5, (None,) * 4, [None] * 4)
row = [0] * 3
grid = [row] * 3
grid[0][0] = 9
print(grid, grid[1] is grid[2])
grid2 = [[0] * 3 for _ in range(3)]
grid2[0][0] = 9
print(grid2)
nested = [[1]] * 2
nested[0].append(2)
print(nested)
big = [7] * 100000
print(len(big), big[-1], sum(big))
bigt = (1, 2) * 50000
print(len(bigt), bigt[-2:])
print(True * [1, 2], [1, 2] * False, (3,) * True)


class L(list):
    pass


class T(tuple):
    pass


print(type(L([1]) * 2).__name__, type(T((1,)) * 2).__name__, L([1, 2]) * 2, T((1,)) * 3)
x = [1, 2]
x *= 3
print(x)
y = (1,)
y *= 2
print(y)
for bad in (lambda: [1] * 2.0, lambda: (1,) * "3", lambda: [1] * [2], lambda: "ab" * (1,), lambda: [1] * (2 ** 100)):
    try:
        bad()
    except (TypeError, OverflowError, MemoryError) as e:
        print(type(e).__name__, e)
