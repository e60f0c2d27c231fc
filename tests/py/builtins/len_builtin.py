# len() on builtins and objects with __len__
for v in ["", "abc", "日本", [], [1, [2, 3]], (), (1,), {}, {"a": 1}, set(), {1, 2}, frozenset([1]), b"ab", bytearray(3), range(10), range(0, 10, 3), range(5, 0), range(-5, 5, -1), {}.keys(), {"a": 1}.items()]:
    print(repr(v), len(v))
print(len(memoryview(b"xyz")))
class L:
    def __len__(self):
        return 7
print(len(L()), bool(L()))
class Z:
    def __len__(self):
        return 0
print(len(Z()), bool(Z()))
class Bad:
    def __len__(self):
        return -1
class Big:
    def __len__(self):
        return 2 ** 70
class Flt:
    def __len__(self):
        return 2.5
class Idx:
    def __index__(self):
        return 3
class IdxLen:
    def __len__(self):
        return Idx()
for cls in [Bad, Big, Flt, IdxLen]:
    try:
        print(cls.__name__, len(cls()))
    except (ValueError, OverflowError, TypeError) as e:
        print(cls.__name__, type(e).__name__, e)
for v in [5, None, 1.5, iter([]), (x for x in []), object()]:
    try:
        len(v)
    except TypeError as e:
        print(type(e).__name__, e)
try:
    len()
except TypeError as e:
    print(type(e).__name__, e)
try:
    len([], [])
except TypeError as e:
    print(type(e).__name__, e)
print(len(range(10 ** 6)), len(range(0, 10 ** 12, 7)))
