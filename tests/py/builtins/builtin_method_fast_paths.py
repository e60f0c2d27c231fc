# Joins, dict.get and method calls on builtin objects: the fast paths must
# answer exactly as the general ones (identity, errors, subclasses, keys
# that compare equal without being identical).
import threading

sep = ", "
word = "solo"
print(sep.join((word,)) is word, sep.join([word]) is word)

class S(str):
    pass

sub = S("sub")
joined = "-".join((sub,))
print(type(joined).__name__, joined, joined is sub)
print(repr("-".join(())), repr("-".join([])))
print("+".join(("a", "b", "c")), "".join(["x", "y"]), "é".join(("ü", "ß", "z")))
print(len("|".join(("α",) * 40)), "|".join(tuple(str(i) for i in range(20))))
print(",".join([sub, "plain", S("two")]))
for bad in [("a", 1), ["a", None, "b"], (b"x",)]:
    try:
        "/".join(bad)
    except TypeError as e:
        print("TypeError:", e)
print(":".join(iter(("it", "er"))), ":".join({"k": 1}), ":".join("abc"))

shared = ["s%d" % i for i in range(50)]
results = []
def joiner():
    for _ in range(200):
        results.append(len(",".join(shared)))
threads = [threading.Thread(target=joiner) for _ in range(3)]
for t in threads:
    t.start()
for t in threads:
    t.join()
print(len(results), set(results))

d = {1: "one", "k": "kay", 2.5: "float", True: "bool?"}
print(d.get(1), d.get("k"), d.get(2.5), d.get(3), d.get(3, "dflt"), d.get("zz", 0))
print(d.get(1.0), d.get(True), d.get(False, "no"))
print({1.0: "f"}.get(1), {True: "t"}.get(1), {1: "i"}.get(True))
print({S("k"): 5}.get("k"), {"k": 6}.get(S("k")))
big = {i: i * i for i in range(1000)}
print(sum(big.get(i, 0) for i in range(0, 1500, 7)))

class Key:
    def __init__(self, h):
        self.h = h
    def __hash__(self):
        return self.h
    def __eq__(self, other):
        print("eq called")
        return other == self.h
print({5: "five"}.get(Key(5)))
print({Key(7): "seven"}.get(7))

class D(dict):
    def __missing__(self, k):
        return "missing"
dd = D(a=1)
print(dd.get("a"), dd.get("b"), dd["b"])
try:
    d.get()
except TypeError as e:
    print("TypeError:", e)
try:
    d.get(1, 2, 3)
except TypeError as e:
    print("TypeError:", e)
try:
    d.get([])
except TypeError as e:
    print("TypeError:", e)

class L(list):
    pass
l = L([3, 1, 2])
for i in range(3):
    l.append(i)
    if i == 1:
        l.append = lambda x: print("instance append", x)
print(l)
del l.append
l.append(9)
print(l)
L.pop = lambda self: "class pop"
print(l.pop(), [1, 2].pop())
del L.pop
print(l.pop())

class X:
    append = list.append
try:
    X().append(1)
except TypeError as e:
    print("TypeError:", e)

plain = []
for i in range(5):
    plain.append(i)
    plain.append(plain.pop() * 10)
print(plain, "".join(str(x) for x in plain).count("0"))
try:
    plain.append()
except TypeError as e:
    print("TypeError:", e)
try:
    plain.append(1, x=2)
except TypeError as e:
    print("TypeError:", e)
try:
    "x".join(["a"], ["b"])
except TypeError as e:
    print("TypeError:", e)
