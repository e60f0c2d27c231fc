# enumerate and zip including strict mode
print(list(enumerate("abc")), list(enumerate("abc", 1)), list(enumerate("ab", start=-5)), list(enumerate([])))
e = enumerate(["x", "y"], 10)
print(next(e), next(e), next(e, "end"))
print(list(enumerate(range(3), 10 ** 20)))
for i, (a, b) in enumerate(zip("pq", [1, 2])):
    print(i, a, b)
print(list(zip()), list(zip([1, 2, 3])), list(zip([1, 2, 3], "ab")), list(zip("a", "bc", "def")), list(zip(range(3), range(10, 13))))
print(dict(zip("abc", range(3))), list(zip(*[(1, "a"), (2, "b"), (3, "c")])))
print(list(zip([1, 2], [3, 4], strict=True)))
for args in [([1, 2], [3]), ([1], [2, 3]), ([1, 2], [3, 4], [5])]:
    try:
        print(list(zip(*args, strict=True)))
    except ValueError as e:
        print(type(e).__name__, e)
try:
    zip(1, [2])
except TypeError as e:
    print(type(e).__name__, e)
try:
    enumerate(5)
except TypeError as e:
    print(type(e).__name__, e)
try:
    enumerate([1], "0")
except TypeError as e:
    print(type(e).__name__, e)
def gen(n, label):
    for i in range(n):
        print("  produce", label, i)
        yield i
print(list(zip(gen(3, "A"), gen(2, "B"))))
z = zip([1, 2], [3, 4])
print(iter(z) is z, next(z), list(z), list(z))
matrix = [[1, 2, 3], [4, 5, 6]]
print([list(col) for col in zip(*matrix)])
