# tuple and starred unpacking in comprehension targets
pairs = [(1, "one"), (2, "two"), (3, "three")]
print([n for n, _ in pairs], [w for _, w in pairs], {w: n for n, w in pairs})
rows = [(1, 2, 3, 4), (5, 6), (7,)]
print([(first, rest) for first, *rest in rows])
print([last for *_, last in rows])
nested = [((1, 2), "a"), ((3, 4), "b")]
print([(x + y, s) for (x, y), s in nested])
print([a * b for a, b in zip(range(4), range(4, 8))])
print([k + str(v) for k, v in {"x": 1, "y": 2}.items()])
print([(i, ch) for i, (ch, _) in enumerate(["a1", "b2"])])
try:
    [a for a, b in [(1, 2), (1, 2, 3)]]
except ValueError as e:
    print(type(e).__name__, e)
try:
    [a for a, b in [1]]
except TypeError as e:
    print(type(e).__name__, e)
