# dict construction forms and insertion order
print(dict(), dict(a=1, b=2), dict([("x", 1), ("y", 2)]), dict({"p": 1}, q=2), dict(zip("abc", range(3))))
print(dict([("k", 1), ("k", 2)]), {"k": 1, "k": 2}, dict({"a": 1}, a=9))
print({1: "int", 1.0: "float", True: "bool"}, {0: "a", False: "b"})
d = {}
for k in ["zebra", "apple", "mango", "banana"]:
    d[k] = len(k)
print(d, list(d))
d["apple"] = 99
print(list(d))
del d["zebra"]
d["zebra"] = 0
print(list(d.items()))
print({**d, "extra": 1}, {"first": 0, **d}, {**{"a": 1}, **{"a": 2}})
print(dict(sorted(d.items())), dict(sorted(d.items(), key=lambda kv: kv[1])))
print(dict(((i, i * i) for i in range(4))), dict([[1, 2], "ab"]))
for bad in [[1], [(1,)], ["abc"], 5, [[1, 2, 3]]]:
    try:
        dict(bad)
    except (TypeError, ValueError) as e:
        print(repr(bad), type(e).__name__, e)
try:
    {[1]: 2}
except TypeError as e:
    print(type(e).__name__, e)
try:
    dict({}, **{1: 2})
except TypeError as e:
    print(type(e).__name__, e)
print(list(reversed({"a": 1, "b": 2, "c": 3})), list(reversed({"a": 1}.items())))
