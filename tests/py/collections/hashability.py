# which objects are hashable; errors for unhashable ones
for v in [1, 1.5, "s", b"b", (1, 2), frozenset([1]), None, True, 1j, range(3), (1, (2, 3))]:
    try:
        hash(v)
        print(repr(v), "hashable")
    except TypeError as e:
        print(repr(v), type(e).__name__, e)
for v in [[1], {1: 2}, {1}, bytearray(b"x"), (1, [2]), ([],), {}.keys()]:
    try:
        hash(v)
        print(repr(v), "hashable")
    except TypeError as e:
        print(repr(v), type(e).__name__, e)
for bad in [[1], {"a": 1}, {2}]:
    try:
        {bad: 1}
    except TypeError as e:
        print("dict key", type(e).__name__, e)
    try:
        {bad}
    except TypeError as e:
        print("set elem", type(e).__name__, e)
class NoHash:
    __hash__ = None
class WithEqOnly:
    def __eq__(self, other):
        return True
class WithHash:
    def __hash__(self):
        return 42
    def __eq__(self, other):
        return isinstance(other, WithHash)
for cls in [NoHash, WithEqOnly]:
    try:
        hash(cls())
    except TypeError as e:
        print(cls.__name__, type(e).__name__, e)
print(hash(WithHash()), len({WithHash(), WithHash()}), WithHash() in {WithHash(): 1})
print(hash(range(3)) == hash(range(0, 3)), range(3) == range(0, 3, 1), {range(2): "r"}[range(0, 2)])
