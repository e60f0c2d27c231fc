# min and max with key, default and multiple args
print(max(3, 1, 2), min(3, 1, 2), max([3, 1, 2]), min("hello"), max("a", "b"), max((1, 2), (1, 3)))
print(max([1, -5, 3], key=abs), min(["bb", "a", "ccc"], key=len), max({"x": 3, "y": 9}, key=lambda k: {"x": 3, "y": 9}[k]))
print(max([], default="empty"), min([], default=None), max([5], default=0), min((), key=len, default="d"))
print(max([2, 2.0]), max([2.0, 2]), min([1, True]), min([True, 1]), max(["b", "a", "b"], key=lambda s: s))
pairs = [("a", 1), ("b", 3), ("c", 3), ("d", 0)]
print(max(pairs, key=lambda p: p[1]), min(pairs, key=lambda p: p[1]), max(reversed(pairs), key=lambda p: p[1]))
print(max(range(10), key=lambda x: x % 4), min(range(10), key=lambda x: x % 4))
for args, kw in [((), {}), (([],), {}), ((1,), {}), ((1, 2), {"default": 0}), (([1, "a"],), {}), ((5, None), {})]:
    try:
        print(max(*args, **kw))
    except (ValueError, TypeError) as e:
        print(args, kw, type(e).__name__, e)
try:
    min([], default=1, foo=2)
except TypeError as e:
    print(type(e).__name__, e)
print(max(iter([4, 8, 1])), min(x * x for x in [-3, 2, 5]), max({1: "a", 5: "b"}), max("abc", "abd", key=str.upper))
print(max([float("nan"), 1, 2]), max([1, float("nan"), 2]), min([float("inf"), 3]))
