# Every class whose instances have a __dict__ gets its own __dict__ and
# __weakref__ descriptors (owner, repr, get, set, errors), though the
# functions behind them are shared by all classes.


class A:
    pass


class B:
    pass


class S:
    __slots__ = ("x",)


da = A.__dict__["__dict__"]
db = B.__dict__["__dict__"]
print(da)
print(db)
print(da is db, type(da) is type(db), type(da).__name__)
print(A.__dict__["__weakref__"], B.__dict__["__weakref__"])
print("__dict__" in S.__dict__, "__weakref__" in S.__dict__)

a, b = A(), B()
a.v = 1
print(da.__get__(a), db.__get__(b))
da.__set__(a, {"w": 2})
print(a.__dict__, a.w)
try:
    da.__get__(b)
except TypeError as e:
    print("TypeError", e)
try:
    a.__dict__ = [1]
except TypeError as e:
    print("TypeError", e)
try:
    da.__set__(b, {})
except TypeError as e:
    print("TypeError", e)
print(A.__dict__["__weakref__"].__get__(a))

# Many classes made at run time, each with working descriptors.
made = []
for i in range(2000):
    C = type("C%d" % i, (object,), {"k": i})
    o = C()
    o.n = i
    made.append((C, o))
print(all(C.__dict__["__dict__"].__get__(o) == {"n": C.k} for C, o in made))
print(repr(made[1234][0].__dict__["__dict__"]))
