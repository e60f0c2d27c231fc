# list operators: + * += *= in, comparisons, slicing reads
a, b = [1, 2, 3], [4, 5]
print(a + b, a * 2, 2 * a, a * 0, a * -3, [] * 5, [[0]] * 3)
print(3 in a, 9 in a, 9 not in a, [1] in [[1], 2], a == [1, 2, 3], a != b)
print([1, 2] < [1, 3], [1, 2] < [1, 2, 0], [2] > [1, 99], [] < [0], [1, [2, 3]] < [1, [2, 4]], [1, 2] <= [1, 2])
c = a
c += [9]
print(a, c is a)
c = c + [10]
print(a, c, c is a)
m = [0, 1]
m *= 3
print(m)
m *= 0
print(m)
grid = [[0] * 3] * 2
grid[0][0] = 7
print(grid)
grid2 = [[0] * 3 for _ in range(2)]
grid2[0][0] = 7
print(grid2)
for op, f in [("+ tuple", lambda: [1] + (2,)), ("+ str", lambda: [1] + "a"), ("* list", lambda: [1] * [2]), ("< str", lambda: [1] < ["a"]),
              ("- list", lambda: [1] - [1]), ("* float", lambda: [1] * 2.0)]:
    try:
        print(op, f())
    except TypeError as e:
        print(op, type(e).__name__, e)
x = [1]
x += (2, 3)
x += "ab"
x += {"k": 1}
x += range(2)
print(x)
print([1, 2, 3] == [1.0, 2.0, 3.0], [[]] == [[]], [None] == [None], [float("nan")] == [float("nan")])
n = float("nan")
print([n] == [n], [n] < [n], n in [n])
