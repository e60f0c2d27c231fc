# nested comprehensions and multiple for/if clauses
matrix = [[1, 2, 3], [4, 5, 6], [7, 8, 9]]
print([v for row in matrix for v in row])
print([[row[i] for row in matrix] for i in range(3)])
print([[v * 10 for v in row if v % 2] for row in matrix])
print([v for row in matrix if sum(row) > 6 for v in row if v != 5])
print([(a, b, c) for a in range(1, 15) for b in range(a, 15) for c in range(b, 15) if a * a + b * b == c * c])
print([[i * j for j in range(1, 4)] for i in range(1, 4)])
print({i: {j: i + j for j in range(2)} for i in range(2)})
words = ["alpha", "beta", "gamma"]
print([c for w in words for c in w if c in "aeiou"])
print([[c for c in w] for w in words if len(w) > 4])
print(sum(sum(row) for row in matrix), [max(col) for col in zip(*matrix)])
print([x for x in [y * 2 for y in range(5)] if x > 3])
print([(x, y) for x in range(4) if x % 2 for y in range(x)])
flat = [item for sub in [[1, [2]], [3], []] for item in sub]
print(flat)
print([[[0] * 2 for _ in range(2)] for _ in range(2)])
print([i for i in range(3) for i in "ab"])
