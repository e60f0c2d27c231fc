# divmod/shift/pos dunders of int, bool, float and complex called directly,
# with foreign operands (NotImplemented) and bad arguments.


def show(label, f, *args):
    try:
        r = f(*args)
        print(label, type(r).__name__, repr(r))
    except Exception as e:
        print(label, "raised", type(e).__name__, e)


class Half:
    def __rdivmod__(self, other):
        return ("Half.__rdivmod__", other)

    def __divmod__(self, other):
        return ("Half.__divmod__", other)


class MyInt(int):
    pass


class MyFloat(float):
    pass


# int / bool __divmod__ and __rdivmod__
show("int.divmod", (17).__divmod__, 5)
show("int.divmod neg", (-17).__divmod__, 5)
show("int.divmod negdiv", (17).__divmod__, -5)
show("int.rdivmod", (5).__rdivmod__, 17)
show("int.divmod big", (10**30 + 7).__divmod__, 10**10)
show("int.divmod bool", (7).__divmod__, True)
show("bool.divmod", True.__divmod__, 2)
show("bool.rdivmod", True.__rdivmod__, 9)
show("int.divmod float", (7).__divmod__, 2.0)
show("int.rdivmod float", (7).__rdivmod__, 2.5)
show("int.divmod str", (7).__divmod__, "x")
show("int.divmod zero", (7).__divmod__, 0)
show("int.rdivmod zero", (0).__rdivmod__, 7)
show("int.divmod sub", MyInt(9).__divmod__, MyInt(4))
show("int.divmod noargs", (7).__divmod__)
show("int.divmod 2args", (7).__divmod__, 1, 2)
show("int.__divmod__ unbound", int.__divmod__, 9, 2)
show("int.__divmod__ bad self", int.__divmod__, 9.0, 2)
print(divmod(7, Half()), divmod(Half(), 7))

# shifts
show("int.rlshift", (3).__rlshift__, 1)
show("int.rrshift", (2).__rrshift__, 100)
show("int.rrshift neg", (1).__rrshift__, -7)
show("int.rlshift big", (100).__rlshift__, 1)
show("int.rlshift negcount", (-1).__rlshift__, 5)
show("int.rrshift negcount", (-1).__rrshift__, 5)
show("int.rlshift float", (3).__rlshift__, 1.0)
show("bool.rlshift", True.__rlshift__, True)
show("bool.rrshift", False.__rrshift__, 8)
show("int.rlshift noargs", (3).__rlshift__)
show("int.__rrshift__ bad self", int.__rrshift__, "a", 1)

# float __divmod__ / __rdivmod__ / __pos__
show("float.divmod", (7.5).__divmod__, 2)
show("float.divmod neg", (-7.5).__divmod__, 2.0)
show("float.rdivmod", (2.0).__rdivmod__, 7)
show("float.divmod bigint", (1.5).__divmod__, 10**20)
show("float.divmod zero", (1.5).__divmod__, 0.0)
show("float.divmod int zero", (1.5).__divmod__, 0)
show("float.rdivmod zero", (0.0).__rdivmod__, 3)
show("float.divmod str", (1.5).__divmod__, "2")
show("float.divmod complex", (1.5).__divmod__, 1j)
show("float.divmod inf", (1.0).__divmod__, float("inf"))
show("float.divmod nan", float("nan").__divmod__, 2.0)
show("float.divmod sub", MyFloat(7.0).__divmod__, MyFloat(2.0))
show("float.divmod noargs", (1.0).__divmod__)
show("float.pos", (2.5).__pos__)
show("float.pos negzero", (-0.0).__pos__)
show("float.pos sub", MyFloat(3.0).__pos__)
show("float.pos args", (2.5).__pos__, 1)
print(divmod(7.0, Half()), divmod(Half(), 7.0))
print(divmod(7.0, 2), divmod(-7, 2.0), divmod(MyFloat(9.5), 2))
try:
    divmod(1.0, 0)
except ZeroDivisionError as e:
    print("divmod builtin:", e)

# complex __complex__ and __pos__
c = 1 + 2j
print(c.__complex__(), c.__complex__() is c, (+c) is c)


class MyComplex(complex):
    pass


m = MyComplex(3, 4)
print(type(m.__complex__()).__name__, m.__complex__(), type(+m).__name__)
show("complex.__complex__ args", c.__complex__, 1)
show("complex.__complex__ unbound", complex.__complex__, 1j)
show("complex.__complex__ bad self", complex.__complex__, 1.0)
print(complex(m), type(complex(m)).__name__)

for t in (int, bool, float, complex):
    names = ["__divmod__", "__rdivmod__", "__rlshift__", "__rrshift__", "__pos__", "__complex__"]
    print(t.__name__, [n for n in names if n in dir(t)], [n for n in names if n in t.__dict__])
