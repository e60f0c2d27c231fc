# obj.method read without a call (a bound method), through a warm attribute
# cache: shadowing by the instance, methods replaced on the class, subclasses,
# builtin method descriptors, and a class-level function replaced by a value.
import _thread


class A:
    def m(self):
        return ("A.m", self.tag)

    def __init__(self, tag):
        self.tag = tag


class B(A):
    def m(self):
        return ("B.m", self.tag)


def grab(o):
    return o.m  # one LOAD_ATTR site for every object below


objs = [A(1), A(2), B(3)]
for _ in range(3):
    for o in objs:
        bm = grab(o)
        print(bm(), bm.__self__ is o, bm.__func__.__qualname__)

# An instance attribute shadows the method (non-data descriptor).
a = A(4)
print(grab(a)())
a.m = lambda: "shadow"
print(grab(a)())
del a.m
print(grab(a)())

# Replacing the method on the class is seen at once.
def new_m(self):
    return ("new", self.tag)

A.m = new_m
print(grab(A(5))(), grab(B(6))())

# A plain value on the class: no binding.
A.m = 42
print(grab(A(7)))
del A.m
try:
    grab(A(8))
except AttributeError as e:
    print("AttributeError:", e)

# Builtin method descriptors bind to the instance.
locks = [_thread.RLock() for _ in range(2)]
for _ in range(2):
    for l in locks:
        acq = l.acquire
        rel = l.release
        print(acq(), acq.__self__ is l, type(acq).__name__)
        rel()


class R(_thread.RLock):
    pass


r = R()
for _ in range(2):
    f = r.acquire
    print(f(), f.__self__ is r)
    r.release()
r.acquire = lambda: "instance attribute"
print(r.acquire())
