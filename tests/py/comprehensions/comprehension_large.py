# comprehensions over larger ranges stay correct (and fast)
n = 20000
squares = [i * i for i in range(n)]
print(len(squares), squares[-1], sum(squares))
evens = {i for i in range(n) if i % 2 == 0}
print(len(evens), min(evens), max(evens), 19998 in evens, 19999 in evens)
mapping = {i: i % 97 for i in range(n)}
print(len(mapping), mapping[12345], sum(mapping.values()))
print(sum(1 for i in range(n) if i % 7 == 3), max(i % 1000 for i in range(n)))
grid = [[r * c for c in range(100)] for r in range(100)]
print(sum(map(sum, grid)), grid[99][99], len(grid), len(grid[0]))
