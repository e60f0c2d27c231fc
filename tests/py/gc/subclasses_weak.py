# __subclasses__ holds its subclasses weakly: classes made and dropped in a
# loop are collected, those still referenced stay listed in order.
import gc
class Base: pass
keep = [type("K%d" % i, (Base,), {}) for i in range(3)]
for i in range(100000):
    C = type("C", (Base,), {"x": i})
    C()
gc.collect()
print(len(Base.__subclasses__()), [c.__name__ for c in Base.__subclasses__()])
class A: pass
class B(A): pass
class C2(B): pass
print(A.__subclasses__(), B.__subclasses__())
