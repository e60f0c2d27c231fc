# __class__ assignment through the attribute-store cache: on a fresh instance,
# after other attributes exist, and in a loop where the store site is warm.
class A:
    def __init__(self, v):
        self.v = v

class B:
    def who(self):
        return "B" + str(self.v)

class C:
    pass

def retag(o, cls):
    o.__class__ = cls

objs = [A(i) for i in range(6)]
for i, o in enumerate(objs):
    retag(o, B if i % 2 else A)
print([type(o).__name__ for o in objs])
print([o.who() for o in objs if type(o) is B])

fresh = C()
fresh.__class__ = A
print(type(fresh).__name__, hasattr(fresh, "v"))

for target in (int, 5, "x"):
    try:
        retag(A(0), target)
    except TypeError as e:
        print("TypeError:", e)

class S:
    __slots__ = ("a",)
class T:
    __slots__ = ("b",)
try:
    retag(S(), T)
except TypeError as e:
    print("TypeError:", e)

# Plain attribute stores at the same site still land in the instance dict.
def setx(o, v):
    o.x = v
for k in range(3):
    a = A(k)
    setx(a, k * 10)
    print(a.__dict__)
