# sum, any, all
print(sum([]), sum([1, 2, 3]), sum([1, 2], 10), sum(range(101)), sum([0.1] * 10), sum([1, 2.5, True]), sum([1j, 2]))
print(sum([[1], [2, 3]], []), sum([(1,), (2,)], ()), sum(x * x for x in range(5)), sum([], start=5), sum(iter([7, 8])))
print(sum([2 ** 64, 2 ** 64]), sum([1e308, 1e308]), sum([-0.0]), sum([-0.0], -0.0), sum([0.5, 0.5], start=1))
for args in [(["a", "b"], ""), (["a"],), ([1, "a"],), ([b"a"], b""), ([[1]],)]:
    try:
        print(sum(*args))
    except TypeError as e:
        print(type(e).__name__, e)
print(any([]), all([]), any([0, "", None]), any([0, 1]), all([1, "a", [0]]), all([1, 0, 1]), any("x"), all(""))
print(any(x > 3 for x in range(5)), all(x < 5 for x in range(5)), any(iter([False, True])), all({0: "a"}))
def checked(v):
    print("  checking", v)
    return v
print(any(checked(v) for v in [0, 0, 3, 4]))
print(all(checked(v) for v in [1, 2, 0, 4]))
print(any([checked(v) for v in [1, 0]]))
try:
    any(5)
except TypeError as e:
    print(type(e).__name__, e)
print(type(any([1])).__name__, any([[]]), all([[1]]), all([float("nan")]))
