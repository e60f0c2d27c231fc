# repr of nested and self-referencing containers
a = [1, 2]
a.append(a)
print(a, repr(a), str(a), len(a), a[2] is a)
b = {"k": 1}
b["self"] = b
print(b)
c = [b, a]
print(c)
d = {"lst": []}
d["lst"].append(d)
print(d)
t = ([],)
t[0].append(t)
print(t)
x, y = [], []
x.append(y)
y.append(x)
print(x, y)
e = [[[[]]]]
print(e, [[], [[]], [[], [[]]]], [(), ((),), ({},)], [set(), frozenset()])
print([None, True, 1.5, "s", b"b", 1j, ..., NotImplemented, [1]])
print((1,), (1, 2), (), ((),), [()], {(): []})
class R:
    def __repr__(self):
        return "R!"
print([R(), R()], (R(),), {"r": R()}, {R(): 1} and "ok")
s = [1]
s.append([s, [s]])
print(s)
