# sorted() with a key over more items than the value stack has slots
# (2,097,152): the keys are rooted in one list, not one slot each.
l = sorted(range(2_100_000), key=lambda x: -x)
print(l[0], l[-1], len(l))
l = list(range(2_100_000))
l.sort(key=lambda x: x % 3, reverse=True)
print(l[:3], l[-3:])
