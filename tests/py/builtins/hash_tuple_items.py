# Tuple hashes over every kind of item (ints, big ints, floats,
# bools, the empty str and bytes, nested tuples and namedtuples, tuple
# subclasses with their own __hash__) and the errors of unhashable items.
from collections import namedtuple

P = namedtuple("P", "x y")
class H(tuple):
    def __hash__(self):
        return 42
class Bad:
    def __hash__(self):
        raise ValueError("no hash")
class Big:
    def __hash__(self):
        return 2**100

print(hash(""), hash(b""), hash(("",)), hash((b"", "")))
print(hash((1, 2, 2**70, -2**70, 1.5, -0.0, True, False)))
print(hash(P(P(1, 2), (3, 4))), hash(P(1, 2)) == hash((1, 2)), hash(()))
print(hash((H((1,)), 5)), hash((-1,)), hash((-2,)), hash((2**61 - 1, -(2**61))))
print(hash((Big(),)), hash(((((1,),),),)))
print(hash(("abc", 1)) == hash(("abc", 1)), hash((P("s", "t"),)) == hash((("s", "t"),)))
for t in [(Bad(),), (1, [2]), (P(1, {}),), ((1, (2, set())),)]:
    try:
        hash(t)
    except Exception as e:
        print(type(e).__name__, e)
class S(str):
    pass
print(hash((S("abc"),)) == hash(("abc",)))
d = {P(i, (i, -i)): i for i in range(200)}
print(sum(d[P(i, (i, -i))] for i in range(200)), d.get((5, (5, -5))), len({(i % 7, i % 3) for i in range(100)}))
