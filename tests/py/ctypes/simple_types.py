# ctypes simple types: values, wrapping, reprs, sizes and conversion errors.
from ctypes import *
from ctypes import _SimpleCData


def show(f):
    try:
        r = f()
    except Exception as e:
        print(type(e).__name__ + ":", e)
    else:
        print("ok", r)


for t in (c_byte, c_ubyte, c_short, c_ushort, c_int, c_uint, c_long, c_ulong,
          c_longlong, c_ulonglong, c_float, c_double, c_longdouble, c_bool,
          c_char, c_wchar, c_char_p, c_wchar_p, c_void_p, c_size_t, c_ssize_t):
    print(t.__name__, t._type_, sizeof(t), alignment(t), repr(t()))

# Integer types wrap silently, as C does.
print(c_byte(200), c_ubyte(-1), c_short(70000), c_ushort(-2), c_int(2**40 + 7))
print(c_uint(-1).value, c_long(-(2**63)).value, c_ulong(-1).value, c_ulonglong(2**64 + 5).value)
print(c_int(True), c_bool(5), c_bool(0), c_bool([]), c_bool([1]))
print(c_float(1.1).value, c_double(1.1).value, c_float(1e300).value, c_longdouble(-2.75).value)
print(c_char(65), c_char(b"z").value, c_wchar("\u20ac").value)
print(c_char_p(b"hello").value, c_wchar_p("w\u00f6rld").value, c_char_p().value, c_void_p(1234).value, c_void_p(0).value)

x = c_int(5)
x.value = 2**32 + 9
print(x.value, bool(x), bool(c_int(0)), bool(c_double(0.0)))

class MyInt(c_int):
    pass

m = MyInt(3)
print(m.value, repr(m).startswith("<MyInt object at "), isinstance(m, c_int))

show(lambda: c_int("x"))
show(lambda: c_int(1.5))
show(lambda: c_double("x"))
show(lambda: c_char("ab"))
show(lambda: c_char(300))
show(lambda: c_wchar(b"a"))
show(lambda: c_wchar("ab"))
show(lambda: c_char_p("s"))
show(lambda: c_wchar_p(b"s"))
show(lambda: c_void_p("s"))
show(lambda: c_void_p(1.5))
show(lambda: py_object().value)
print(py_object(42).value, py_object([1, 2]).value)

def bad_code():
    class X(_SimpleCData):
        _type_ = "k"

show(bad_code)

def missing_type():
    class Y(_SimpleCData):
        pass

show(missing_type)

print(c_int.from_param(5).__class__.__name__, repr(c_int.from_param(5)))
show(lambda: c_int.from_param(1.5))
print(repr(c_double.from_param(2)))
print(c_int.__ctype_be__(5).value, c_int.__ctype_le__ is c_int)
be = c_int.__ctype_be__(1)
print(bytes(be), bytes(c_int(1)), bytes(c_double(1.0)))
print(sizeof(c_int(3)), sizeof(c_char * 7))
show(lambda: sizeof(3))
show(lambda: sizeof(int))

# Floating types take what float() takes from a number, and nothing else.
import decimal
import fractions

for v in [1, 2.5, True, fractions.Fraction(1, 4), decimal.Decimal("0.5"), 10**400, "x", None]:
    try:
        print(repr(c_double(v).value), repr(c_float(v).value))
    except Exception as e:
        print(type(e).__name__, e)
