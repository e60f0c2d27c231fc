# list/tuple/set/dict displays including starred and double-starred items
a, b = [1, 2], (3, 4)
print([*a, *b], (*a, *b), {*a, *b}, [*a], (*b,), [*"xy", *range(2)], [*a, 0, *a])
d1, d2 = {"x": 1}, {"y": 2, "x": 10}
print({**d1, **d2}, {**d2, **d1}, {**d1, "z": 3, **{"w": 4}}, {"x": 0, **d1})
print([], (), {}, set(), [()], ((),), [[]], {()}, {(): ()})
print((1), (1,), 1,) if False else print((1), (1,))
t = 1, 2, 3
print(t, type(t).__name__)
empty = ()
print(empty, len(empty), (1, 2)[1:], ((1, 2),))
print([1, 2, 3,], {1: 2,}, (1, 2,), {1, 2,})
print({1: "a", 1.0: "b"}, {1, 1.0, True}, [x for x in (1, 1.0)])
print({"a": 1, "a": 2}, {"k": [], "k2": {}})
try:
    {*5}
except TypeError as e:
    print(type(e).__name__, e)
try:
    {**[1]}
except TypeError as e:
    print(type(e).__name__, e)
try:
    [*None]
except TypeError as e:
    print(type(e).__name__, e)
def order(label, v):
    print("  eval", label)
    return v
print([order("a", 1), order("b", 2)], {order("k1", "k"): order("v1", 1), order("k2", "k"): order("v2", 2)})
