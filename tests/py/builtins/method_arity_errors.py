# Builtin methods and special-method wrappers called with the wrong number of
# arguments raise TypeError with CPython's messages (never an internal error).
calls = [
    lambda: object().__setattr__("x"),
    lambda: object().__getattribute__(),
    lambda: object().__delattr__(),
    lambda: object().__setattr__(1, 2),
    lambda: (5).__lt__(),
    lambda: (5).__add__(1, 2),
    lambda: [].__len__(1),
    lambda: (2.5).__eq__(),
    lambda: "x".__contains__(),
    lambda: {}.__getitem__(),
    lambda: [].__setitem__(0),
    lambda: float.fromhex(),
    lambda: "x".format_map(),
    lambda: "x".partition(),
    lambda: "x".rpartition("a", "b"),
    lambda: "x".removeprefix(),
    lambda: "x".removesuffix(1, 2),
    lambda: b"x".join(),
    lambda: bytearray(b"x").join(),
    lambda: dict.fromkeys(),
    lambda: dict.fromkeys(1, 2, 3),
    lambda: set().remove(),
    lambda: set().discard(),
    lambda: frozenset().issubset(),
    lambda: set().issuperset(1, 2),
    lambda: set().isdisjoint(),
    lambda: range(3).count(),
    lambda: range(3).index(),
    lambda: int.__instancecheck__(int),
    lambda: b"x".center(2 ** 70),
]
for f in calls:
    try:
        print(repr(f()))
    except (TypeError, OverflowError) as e:
        print(type(e).__name__, e)
print(object().__eq__(1), (5).__add__(2), dict.fromkeys("ab", 0), range(5).count(3), b"-".join([b"a", b"b"]))
for f in (lambda: [].__getitem__(), lambda: "x".__getitem__(), lambda: (2).__pow__(), lambda: (2).__pow__(1, 2, 3),
          lambda: {}.__setitem__(1), lambda: [].__setitem__(1, 2, 3)):
    try:
        f()
    except TypeError as e:
        print(repr(str(e)))
