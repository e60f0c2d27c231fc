# the four comprehension kinds and their result types
lc = [x for x in range(3)]
sc = {x for x in range(3)}
dc = {x: x for x in range(3)}
ge = (x for x in range(3))
for obj in (lc, sc, dc, ge):
    print(type(obj).__name__)
print(lc, sc, dc, list(ge))
print(tuple(x for x in "ab"), frozenset(x for x in [1, 1, 2]), bytes(x for x in [65, 66]), "".join(x for x in "cd"))
print(list(x for x in []), [x for x in ()], {x for x in ""}, {x: 1 for x in []})
print(len([[] for _ in range(3)]), [[] for _ in range(3)][0] is not [[] for _ in range(3)][1])
