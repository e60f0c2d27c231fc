# operators look up special methods on the type, not the instance
class P:
    def __add__(self, other):
        return "class __add__"
    def __len__(self):
        return 3
p = P()
p.__add__ = lambda other: "instance __add__"
p.__len__ = lambda: 99
print(p + 1, p.__add__(1), len(p), p.__len__())
class Q:
    pass
q = Q()
q.__add__ = lambda other: "instance only"
try:
    q + 1
except TypeError as e:
    print(type(e).__name__, e)
Q.__add__ = lambda self, other: "added to class later"
print(q + 1)
del Q.__add__
try:
    q + 1
except TypeError as e:
    print(type(e).__name__, e)
class R:
    def __getattr__(self, name):
        return lambda *a: f"getattr {name}"
r = R()
print(r.__add__(1))
try:
    r + 1
except TypeError as e:
    print(type(e).__name__, e)
class S:
    __add__ = None
try:
    S() + 1
except TypeError as e:
    print(type(e).__name__, e)
class T:
    __iter__ = None
try:
    iter(T())
except TypeError as e:
    print(type(e).__name__, e)
