# dict comprehensions
print({x: x * x for x in range(5)})
print({k: v for k, v in [("a", 1), ("b", 2), ("a", 3)]})
print({v: k for k, v in {"one": 1, "two": 2}.items()})
print({c: "aeiou".count(c) for c in "education" if c in "aeiou"})
print({w: len(w) for w in "to be or not to be".split()})
print({i: [j for j in range(i)] for i in range(4)})
print({(i, j): i * j for i in range(2) for j in range(2)})
print({k: v for k, v in zip("abc", range(10, 13)) if v != 11})
print({x % 3: x for x in range(10)})
print({str(k): k ** 0.5 for k in (1, 4, 9)})
print({k: {kk: kk * k for kk in range(2)} for k in range(1, 3)})
keys = ["x", "y"]
print({k: None for k in keys}, dict.fromkeys(keys) == {k: None for k in keys})
try:
    print({[x]: x for x in range(2)})
except TypeError as e:
    print(type(e).__name__, e)
calls = []
def key(x):
    calls.append(("key", x))
    return x
def val(x):
    calls.append(("val", x))
    return x
{key(i): val(i) for i in range(2)}
print(calls)
print({x: y for x, y in [(1, 2), (3, 4)]}.keys())
