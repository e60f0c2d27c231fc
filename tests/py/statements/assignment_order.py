# evaluation order: right-hand side first, then targets left to right
log = []
class Rec:
    def __init__(self, name):
        object.__setattr__(self, "name", name)
    def __setitem__(self, k, v):
        log.append(f"{self.name}[{k}] = {v}")
    def __setattr__(self, k, v):
        log.append(f"{self.name}.{k} = {v}")
def val(v):
    log.append(f"eval {v}")
    return v
r1, r2 = Rec("r1"), Rec("r2")
r1[val("k1")] = r2[val("k2")] = val("rhs")
print(log); log.clear()
r1.a, r2.b = val(1), val(2)
print(log); log.clear()
r1[val(0)], r2[val(1)] = val("x"), val("y")
print(log); log.clear()
x = [0, 0, 0]
i = 0
i, x[i] = 1, 99
print(i, x)
x = [0, 0, 0]
x[i], i = 42, 2
print(i, x)
a = [1, 2, 3]
a[0], a[a[0]] = 2, 7
print(a)
b = [0, 1]
b[b[0]] = b[0] = 1
print(b)
c = d = []
c.append("shared")
print(d)
def counter():
    counter.n += 1
    return counter.n
counter.n = 0
e = f = counter()
print(e, f, counter.n)
g = {}
g["a"] = g["b"] = g.setdefault("c", len(g))
print(g)
p, q = q, p = 1, 2
print(p, q)
