# Truth of instances whose class gains or loses __bool__ / __len__ after
# instances were already tested (a per-class answer must not outlive a change).


class Base:
    pass


class Child(Base):
    pass


class Grand(Child):
    pass


objs = [Base(), Child(), Grand()]


def show(label):
    print(label, [bool(o) for o in objs], ["yes" if o else "no" for o in objs])


# Warm up: every class answers "true" many times.
for _ in range(50):
    show_ok = all(objs)
show("plain")

Base.__len__ = lambda self: 0
show("Base.__len__ = 0")

Child.__bool__ = lambda self: True
show("Child.__bool__ = True")

del Base.__len__
show("del Base.__len__")

del Child.__bool__
show("del Child.__bool__")

Grand.__bool__ = lambda self: False
for _ in range(3):
    show("Grand.__bool__ = False")
del Grand.__bool__
show("del Grand.__bool__")


# __class__ assignment moves an instance to a class with another answer.
class Empty:
    def __len__(self):
        return 0


class Plain:
    pass


x = Plain()
print(bool(x), not x)
x.__class__ = Empty
print(bool(x), not x)
x.__class__ = Plain
print(bool(x), not x)


# A __bool__ set on the instance is not consulted (looked up on the type).
y = Plain()
y.__bool__ = lambda: False
y.__len__ = lambda: 0
print(bool(y), "while" if y else "else")


# A metaclass does not make instances false; a class's own truth is its
# metaclass's business.
class Meta(type):
    def __len__(cls):
        return 0


class WithMeta(metaclass=Meta):
    pass


print(bool(WithMeta()), bool(WithMeta), len(WithMeta))


# Errors from the hooks still surface after the class was cached as true.
class Late:
    pass


z = Late()
print(bool(z))
Late.__bool__ = lambda self: 1
try:
    bool(z)
except TypeError as e:
    print("TypeError:", e)
Late.__bool__ = None
try:
    bool(z)
except TypeError as e:
    print("TypeError:", e)
del Late.__bool__
Late.__len__ = lambda self: -1
try:
    print("never", not z)
except ValueError as e:
    print("ValueError:", e)
del Late.__len__
print(bool(z), not z)


# Many classes at once (more than the per-thread table holds).
classes = [type("C%d" % i, (), {}) for i in range(100)]
insts = [c() for c in classes]
print(sum(1 for i in insts if i))
for c in classes[::7]:
    c.__len__ = lambda self: 0
print(sum(1 for i in insts if i), sum(1 for i in insts if not i))


# Module subclasses answer through their own __len__ / __bool__.
import types


class EmptyModule(types.ModuleType):
    def __len__(self):
        return 0


class FalseModule(types.ModuleType):
    def __bool__(self):
        return False


print(bool(types.ModuleType("m")), bool(EmptyModule("e")), bool(FalseModule("f")))
print(bool(types), "module" if EmptyModule("e") else "empty module")
