# An uncaught ValueError from max() on an empty sequence
groups = [[3, 8, 1], [7], []]
for g in groups:
    print("max of", g, "is", max(g))
