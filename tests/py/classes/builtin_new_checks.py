# Builtin __new__ methods check their class argument (CPython's tp_new_wrapper).
import collections
cases = [
    "tuple.__new__(int)", "tuple.__new__()", "tuple.__new__(1)", "list.__new__(int)", "int.__new__(bool)",
    "object.__new__(int)", "object.__new__(list)", "dict.__new__(list)", "str.__new__(bytes)", "float.__new__(int)",
    "frozenset.__new__(set)", "set.__new__(frozenset)", "bytes.__new__(bytearray)", "BaseException.__new__(int)",
    "int.__new__(float)", "complex.__new__(str)", "type.__new__(int)",
    "collections.deque.__new__(list)", "object.__new__(ValueError)", "property.__new__(int)", "slice.__new__(int)",
    "range.__new__(int)", "memoryview.__new__(int)", "bool.__new__(int)",
]
class T(tuple): pass
class L(list): pass
class U(T):
    def __new__(cls, *a): return tuple.__new__(cls, *a)
cases += ["tuple.__new__(T)", "object.__new__(T)", "list.__new__(T)", "tuple.__new__(U, (1,))", "object.__new__(L)", "int.__new__(T)"]
for c in cases:
    try:
        r = eval(c)
        print(c, '->', type(r).__name__)
    except Exception as e:
        print(c, '!', type(e).__name__, e)

# __getnewargs__ of the builtin immutable types return exact values
class I(int): pass
class F(float): pass
class C(complex): pass
class B(bytes): pass
class S(str): pass
for v in (I(7), F(1.5), C(1+2j), B(b'xy'), S('s'), T((1, 2)), True):
    args = v.__getnewargs__()
    print(type(v).__name__, args, [type(a).__name__ for a in args])
import copy
for v in (I(7), F(1.5), C(1+2j), B(b'xy'), S('s'), T((1, 2))):
    v.attr = [type(v).__name__]
    c, d = copy.copy(v), copy.deepcopy(v)
    print(type(c).__name__, c, c.attr is v.attr, type(d).__name__, d, d.attr == v.attr, d.attr is v.attr)
