# multiple if clauses and conditions referencing earlier loop variables
print([x for x in range(30) if x % 2 if x % 3 if x % 5])
print([(x, y) for x in range(5) if x > 1 for y in range(x) if (x + y) % 3 == 0])
print([w for w in "a bb ccc dddd eeeee".split() if len(w) > 1 if "d" not in w])
print([c for c in "Hello World" if c.isalpha() if c.islower()])
print([n for n in range(2, 30) if all(n % d for d in range(2, n))])
print({k: v for k, v in zip("abcdef", range(6)) if v % 2 if k != "d"})
print(sorted({x * y for x in range(1, 5) for y in range(1, 5) if x < y}))
print([[y for y in range(x) if y % 2] for x in range(6) if x % 2 == 0])
