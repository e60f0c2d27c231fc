# expressions combining containers: nested indexing, concatenation, membership
inventory = {"fruits": ["apple", "pear"], "veg": ("kale",), "counts": {"apple": 3}}
print(inventory["fruits"] + list(inventory["veg"]), inventory["fruits"][0] in inventory["counts"], "pear" in inventory["counts"])
print(len(inventory["fruits"] * 2), inventory["veg"] * 2 + ("leek",), sorted(inventory) == sorted(inventory.keys()))
print([*inventory["fruits"], *inventory["veg"]], {**inventory["counts"], "pear": 0})
print({k: v for k, v in inventory.items() if isinstance(v, list)}, list(inventory)[::-1])
matrix = [[1, 2], [3, 4]]
print(matrix[0] + matrix[1], [row[::-1] for row in matrix[::-1]], sum(matrix, []), [a * b for a, b in zip(*matrix)])
print(max(matrix, key=sum), min(map(min, matrix)), any(3 in row for row in matrix), all(len(r) == 2 for r in matrix))
print(("a", 1) in {"a": 1}.items(), [1, 2] in [[1, 2], [3]], {1: 2}.get(3, [])[:] + [0])
