# An uncaught TypeError from using a list as a set element
groups = [(1, 2), (3, 4), [5, 6]]
seen = set()
for g in groups:
    seen.add(g)
    print(len(seen))
