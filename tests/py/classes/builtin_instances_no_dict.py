# Instances of builtin container types have no __dict__ and take no new
# attributes; instances of their subclasses do (unless __slots__ says no).
for mk in (list, dict, set, frozenset, bytearray, str, int, float, tuple, bytes, complex, range, object):
    o = mk()
    try:
        o.x = 1
        print(mk.__name__, "accepted", o.x)
    except AttributeError as e:
        print(mk.__name__, e)
    print(" has __dict__:", hasattr(o, "__dict__"))
    try:
        vars(o)
    except TypeError as e:
        print(" vars:", e)


class L(list):
    pass


class D(dict):
    pass


class S(set):
    pass


class N(list):
    __slots__ = ()


for c in (L, D, S):
    o = c()
    o.tag = c.__name__
    print(c.__name__, o.tag, vars(o))
n = N([1])
try:
    n.tag = 1
except AttributeError as e:
    print("N", e)
print(hasattr(n, "__dict__"), n)
