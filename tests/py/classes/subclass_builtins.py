# Subclassing builtin types.
class CountingDict(dict):
    def __missing__(self, key):
        self[key] = 0
        return 0
d = CountingDict()
d["a"] += 1
d["a"] += 1
d["b"]
print(sorted(d.items()), isinstance(d, dict), type(d).__name__)
print(d.get("zzz", "get does not call __missing__"), "zzz" in d)

class UpperDict(dict):
    def __setitem__(self, k, v):
        super().__setitem__(k.upper(), v)
u = UpperDict()
u["x"] = 1
u.update({"y": 2})
print(sorted(u))
u2 = UpperDict(z=3)
print(sorted(u2))

class Stack(list):
    def push(self, v):
        self.append(v)
        return self
    def peek(self):
        return self[-1]
s = Stack([1, 2])
s.push(3).push(4)
print(s, s.peek(), len(s), type(s).__name__)
print(type(s + [5]).__name__, type(s[1:]).__name__, type(s * 2).__name__)

class LoudList(list):
    def append(self, v):
        print("  append", v)
        super().append(v)
ll = LoudList()
ll.append(1)
ll.extend([2, 3])
ll += [4]
print(ll)

class Meters(float):
    def __repr__(self):
        return f"{float(self)}m"
    def __add__(self, other):
        return Meters(float(self) + float(other))
m = Meters(1.5) + Meters(2)
print(m, repr(m), type(m).__name__, type(m * 2).__name__)

class Name(str):
    def greet(self):
        return "Hello, " + self
n = Name("ann")
print(n.greet(), n.upper(), type(n.upper()).__name__, n == "ann", len(n))
print(type(n + "x").__name__, isinstance(n, str))

class Even(int):
    def __new__(cls, v):
        if v % 2:
            raise ValueError(f"{v} is odd")
        return super().__new__(cls, v)
print(Even(4) + 1, type(Even(4) + 1).__name__)
try:
    Even(3)
except ValueError as e:
    print("ValueError:", e)

class Frozen(tuple):
    def total(self):
        return sum(self)
f = Frozen([1, 2, 3])
print(f, f.total(), f[0], hash(f) == hash((1, 2, 3)), f == (1, 2, 3))

class Attrs(list):
    pass
a = Attrs()
a.label = "lists subclasses get a __dict__"
print(a.label, a)

class MySet(set):
    def add(self, v):
        super().add(v * 10)
ms = MySet([1])
ms.add(2)
print(sorted(ms))
print(sorted(ms | {5}), type(ms | {5}).__name__)
