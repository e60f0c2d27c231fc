# dict | and |=, equality, membership, deletion
a = {"x": 1, "y": 2}
b = {"y": 20, "z": 30}
print(a | b, b | a, a, b)
c = dict(a)
c |= b
print(c)
c |= [("w", 0)]
print(c)
print(a == {"y": 2, "x": 1}, a != b, {} == {}, {1: [1]} == {1: [1]}, {"a": 1} == {"a": 1.0})
for f, label in [(lambda: a | [("k", 1)], "| list"), (lambda: a < b, "<"), (lambda: a + b, "+"), (lambda: a["q"], "missing")]:
    try:
        print(f())
    except (TypeError, KeyError) as e:
        print(label, type(e).__name__, e)
del c["w"]
print(c)
try:
    del c["w"]
except KeyError as e:
    print(type(e).__name__, e)
e = {(1, 2): "tuple", frozenset([1]): "fs", None: "none", 3.5: "float", "": "empty"}
print(e[(1, 2)], e[frozenset({1})], e[None], e[3.5], e[""])
print(len(e), None in e, [] in e if False else "skip")
try:
    [] in e
except TypeError as e2:
    print(type(e2).__name__, e2)
