# object.__getstate__ (3.11: the instance dict, paired with the set __slots__ members)
# and object.__subclasshook__; copy uses the default state.
class C:
    pass
c = C()
print(c.__getstate__())
c.a = 1
print(c.__getstate__(), c.__getstate__() is c.__dict__)
class S:
    __slots__ = ("x", "y")
s = S()
print(s.__getstate__())
s.x = 1
print(s.__getstate__())
class P:
    __slots__ = ("__priv", "a", "__dict__")
p = P()
p._P__priv = 5
print(p.__getstate__())
p.z = 3
print(p.__getstate__())
class Q(P):
    __slots__ = "b"
q = Q()
q.b = 2
q.a = 1
print(q.__getstate__())
print(object().__getstate__(), object.__getstate__(5))
print(object.__subclasshook__(), object.__subclasshook__(1, 2, 3), C.__subclasshook__(int))
class G:
    def __getstate__(self):
        return "custom"
print(G().__getstate__(), "__getstate__" in dir(object()), "__subclasshook__" in dir(C()))
import copy
q2 = copy.copy(q)
print(q2.a, q2.b, type(q2).__name__)
c2 = copy.deepcopy(c)
print(c2.__dict__, c2 is c)
