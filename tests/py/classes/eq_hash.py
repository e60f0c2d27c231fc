# __eq__ and __hash__ interplay.
class Plain:
    pass
p = Plain()
print(p == p, p == Plain(), hash(p) == hash(p))
print(Plain.__hash__ is object.__hash__)

class EqOnly:
    def __init__(self, v):
        self.v = v
    def __eq__(self, o):
        return isinstance(o, EqOnly) and self.v == o.v
print(EqOnly.__hash__)
try:
    hash(EqOnly(1))
except TypeError as e:
    print("TypeError:", e)
try:
    {EqOnly(1)}
except TypeError as e:
    print("TypeError:", e)
try:
    {EqOnly(1): 1}
except TypeError as e:
    print("TypeError:", e)
print(EqOnly(1) == EqOnly(1), EqOnly(1) != EqOnly(2))

class Both:
    def __init__(self, v):
        self.v = v
    def __eq__(self, o):
        return isinstance(o, Both) and self.v == o.v
    def __hash__(self):
        return hash(self.v)
s = {Both(1), Both(1), Both(2)}
print(len(s))
d = {Both("a"): 1}
d[Both("a")] = 2
print(len(d), d[Both("a")])
print(Both(3) in s, Both(1) in s)
print(hash(Both(7)) == hash(7))

class Sub(Both):
    def __eq__(self, o):
        return False
print(Sub.__hash__)

class SubKeeps(Both):
    def __eq__(self, o):
        return True
    __hash__ = Both.__hash__
print(hash(SubKeeps(5)) == hash(5))

class Unhashable:
    __hash__ = None
try:
    hash(Unhashable())
except TypeError as e:
    print("TypeError:", e)

class HashOnly:
    def __hash__(self):
        return 42
print(hash(HashOnly()))
print(HashOnly() == HashOnly())

class BigHash:
    def __hash__(self):
        return 2 ** 100
print(hash(BigHash()) == hash(2 ** 100))

class BadHash:
    def __hash__(self):
        return "no"
try:
    hash(BadHash())
except TypeError as e:
    print("TypeError:", e)

class NegOne:
    def __hash__(self):
        return -1
print(hash(NegOne()))
print(hash(1) == hash(1.0) == hash(True))
print({1: "a", 1.0: "b", True: "c"})

class CountEq:
    calls = 0
    def __init__(self, v):
        self.v = v
    def __hash__(self):
        return 0
    def __eq__(self, o):
        CountEq.calls += 1
        return self.v == o.v
box = {CountEq(i) for i in range(4)}
print(len(box), CountEq.calls > 0)
k = CountEq(1)
e = {k: "same object"}
CountEq.calls = 0
print(e[k], CountEq.calls)
