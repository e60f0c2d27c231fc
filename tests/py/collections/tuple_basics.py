# tuple construction, methods, operators
t = (1, 2, 3, 2, 1)
print(t, len(t), t[0], t[-1], t[1:3], t[::-1], t.count(2), t.count(9), t.index(2), t.index(1, 1), t.index(2, 2, 4))
print((), (1,), tuple(), tuple([1, 2]), tuple("ab"), tuple(range(3)), tuple({"k": 1}), tuple(x for x in "xy"))
single = 5,
print(single, type(single).__name__, (5), type((5)).__name__)
print(t + (4,), t * 2, 2 * (0,), () * 5, (1, 2) < (1, 3), (1, 2) < (1, 2, 0), (1, "a") == (1, "a"), 3 in t)
a = (1, [2, 3])
a[1].append(4)
print(a)
for f, label in [(lambda: t.index(9), "index"), (lambda: t[10], "getitem"), (lambda: t + [1], "add list"),
                 (lambda: t.__setitem__(0, 1), "setitem"), (lambda: hash(a), "hash mutable")]:
    try:
        f()
    except (ValueError, IndexError, TypeError, AttributeError) as e:
        print(label, type(e).__name__, e)
try:
    t[0] = 9
except TypeError as e:
    print(type(e).__name__, e)
try:
    del t[0]
except TypeError as e:
    print(type(e).__name__, e)
try:
    t.append(1)
except AttributeError as e:
    print(type(e).__name__, e)
x = t
x += (9,)
print(x, t, x is t)
print(hash((1, 2)) == hash((1, 2)), hash((1, (2, 3))) == hash((1, (2, 3))), {(1, 2): "v"}[(1, 2)])
print(tuple(t) is t, t[:] is t, tuple([]) == ())
print(sorted([(2, "b"), (1, "z"), (2, "a")]), max((1, 2), (1, 3)), min([(0, 9), (0, 1)]))
