# set comprehensions (results sorted where ordering could vary)
print({x % 5 for x in range(20)})
print(sorted({w.lower() for w in ["Apple", "apple", "APPLE", "pear"]}))
print({x * x for x in [-2, -1, 0, 1, 2]})
print(sorted({(x, y) for x in range(2) for y in range(2)}))
print({c for c in "mississippi"} == set("misp"), len({c for c in "mississippi"}))
print({x for x in range(3)} | {x for x in range(2, 5)})
print(set() == {x for x in []}, type({x for x in ""}).__name__)
print({len(w) for w in "a bb cc ddd e".split()})
try:
    {[x] for x in range(2)}
except TypeError as e:
    print(type(e).__name__, e)
print(sorted({frozenset({x, x + 1}) for x in range(3)}, key=sorted))
