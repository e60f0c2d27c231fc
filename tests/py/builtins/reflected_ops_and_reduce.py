# Reflected operators called directly, zero shifted by huge counts, bytes
# formatting errors, and bytearray's reduce values.
import copy

print((0).__lshift__(10**30), 0 << 10**30, (10**30).__rlshift__(0), False << 10**30)
for f in (lambda: 1 << 10**30, lambda: 0 << -1, lambda: (0).__rlshift__(-5)):
    try:
        print(f())
    except (OverflowError, ValueError, MemoryError) as e:
        print(type(e).__name__, e)

print("s".__rmod__(5), str.__rmod__("s", "x%s"), "b".__rmod__(b"%s"))
try:
    "s".__rmod__("x")
except TypeError as e:
    print("TypeError", e)
for f in (lambda: b"b" % 3, lambda: bytearray(b"b") % 3, lambda: b"b".__mod__(3), lambda: b"%s" % (b"1", b"2"), lambda: "%s" % (1, 2)):
    try:
        print(f())
    except TypeError as e:
        print("TypeError", e)

a, fa = {1, 2}, frozenset({2, 3})
for name in ("__rand__", "__ror__", "__rsub__", "__rxor__"):
    r1 = getattr(fa, name)(a)
    r2 = getattr(a, name)(fa)
    r3 = getattr(a, name)([1])
    print(name, type(r1).__name__, sorted(r1), type(r2).__name__, sorted(r2), r3)
print(type(a | fa).__name__, type(fa | a).__name__, type(fa - a).__name__, type(a ^ fa).__name__)

b = bytearray(b"ab\xff")
print(b.__reduce__(), b.__reduce_ex__(0), b.__reduce_ex__(2), b.__reduce_ex__(3), b.__reduce_ex__())
print(bytearray().__reduce_ex__(3), bytearray().__reduce__(), bytearray().__reduce_ex__(1))

class BA(bytearray):
    pass

x = BA(b"q")
x.tag = 1
r = x.__reduce_ex__(4)
print(r[0].__name__, r[1], r[2])
y = copy.deepcopy(x)
print(copy.copy(b), y, y.tag, type(y).__name__)
for bad in ("x", 2**40):
    try:
        b.__reduce_ex__(bad)
    except (TypeError, OverflowError) as e:
        print(type(e).__name__, e)
