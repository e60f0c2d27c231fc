# tuples as lightweight records: indexing, unpacking, sorting, hashing
points = [(3, 4), (1, 1), (0, 5), (3, -1)]
print(sorted(points), sorted(points, key=lambda p: p[0] ** 2 + p[1] ** 2), max(points), min(points, key=lambda p: p[1]))
for x, y in points:
    print(f"({x}, {y}) dist^2={x * x + y * y}")
lookup = {(x, y): i for i, (x, y) in enumerate(points)}
print(lookup[(3, 4)], (0, 5) in lookup, (5, 0) in lookup)
record = ("Ann", 31, ("London", "UK"))
name, age, (city, country) = record
print(name, age, city, country, record[2][1], len(record))
print(record + ("extra",), record[:2], record.index(31), record.count("Ann"))
pairs = list(zip("abc", (1, 2, 3)))
print(pairs, dict(pairs), tuple(reversed(pairs)))
t = tuple(range(5))
print(t[1::2], t[::-1], t[-2:], sum(t), 3 in t, t.index(4))
nested = ((1, 2), (3, (4, 5)))
print(nested[1][1][0], len(nested), nested == ((1, 2), (3, (4, 5))), hash(nested) == hash(((1, 2), (3, (4, 5)))))
