# * and ** unpacking at call sites
def show(*args, **kwargs):
    return f"args={args} kwargs={dict(sorted(kwargs.items()))}"
print(show(*[1, 2], 3, *"ab"))
print(show(**{"x": 1}, y=2, **{"z": 3}))
print(show(*range(3), **dict(a=1), b=2))
print(show(*(), **{}))
def three(a, b, c):
    return a * 100 + b * 10 + c
print(three(*[1, 2, 3]), three(1, *[2, 3]), three(*[1], *[2], *[3]), three(**{"c": 3, "a": 1, "b": 2}), three(1, **{"c": 3, "b": 2}))
print(max(*[3, 9, 2]), print(*["x", "y"], sep="-"), "{}-{}".format(*"ab"), "{a}{b}".format(**{"a": 1, "b": 2}))
cases = [
    lambda: three(*[1, 2]),
    lambda: three(*[1, 2, 3, 4]),
    lambda: three(1, **{"a": 1, "b": 2, "c": 3}),
    lambda: three(**{"a": 1, "b": 2, "c": 3, "d": 4}),
    lambda: show(**{1: 2}),
    lambda: show(*5),
    lambda: show(**[1]),
    lambda: show(**{"a": 1}, **{"a": 2}),
]
for f in cases:
    try:
        print(f())
    except TypeError as e:
        print(type(e).__name__, e)
class Mapping:
    def keys(self):
        return ["p", "q"]
    def __getitem__(self, k):
        return k.upper()
print(show(**Mapping()))
def gen():
    yield from (10, 20, 30)
print(three(*gen()))
