# ctypes structures and unions: layout, alignment, _pack_, bit fields,
# nested structures and arrays, field descriptors and errors.
from ctypes import *


def show(f):
    try:
        r = f()
    except Exception as e:
        print(type(e).__name__ + ":", e)
    else:
        print("ok", r)


class POINT(Structure):
    _fields_ = [("x", c_int), ("y", c_int)]


class RECT(Structure):
    _fields_ = [("a", POINT), ("b", POINT), ("name", c_char * 6), ("w", c_double)]


print(sizeof(POINT), alignment(POINT), sizeof(RECT), alignment(RECT))
print(POINT.x, POINT.y, RECT.a, RECT.name, RECT.w)
print(POINT.x.offset, POINT.y.offset, POINT.y.size, RECT.w.offset)
p = POINT(1, 2)
print(p.x, p.y)
p = POINT(y=5)
print(p.x, p.y)
r = RECT(POINT(1, 2), (3, 4), b"abc", 2.5)
print(r.a.x, r.a.y, r.b.x, r.b.y, r.name, r.w)
r.a.x = 100  # a view into r's memory
print(r.a.x, r.a._b_base_ is r)
r.name = b"xyzxyz"
print(r.name)
show(lambda: setattr(r, "name", b"toolongname"))
show(lambda: POINT(1, 2, 3))
show(lambda: POINT(1, x=2))
show(lambda: setattr(r, "a", 5))
print(bytes(POINT(1, 2)))


class Mixed(Structure):
    _fields_ = [("c", c_char), ("d", c_double), ("s", c_short), ("i", c_int)]


class Packed(Structure):
    _pack_ = 1
    _fields_ = [("c", c_char), ("d", c_double), ("s", c_short), ("i", c_int)]


print(sizeof(Mixed), [getattr(Mixed, n).offset for n in "cdsi"])
print(sizeof(Packed), [getattr(Packed, n).offset for n in "cdsi"], alignment(Packed))


class Bits(Structure):
    _fields_ = [("a", c_int, 3), ("b", c_int, 5), ("c", c_uint, 24), ("d", c_short, 4), ("e", c_longlong, 40)]


print(sizeof(Bits), Bits.a, Bits.b, Bits.c, Bits.d, Bits.e)
b = Bits()
b.a = 3
b.b = -1
b.c = 0xFFFFFF + 2
b.d = 7
b.e = 2**39
print(b.a, b.b, b.c, b.d, b.e, bytes(b).hex())
b.a = 4  # wraps to -4 in 3 signed bits
print(b.a)


class U(Union):
    _fields_ = [("i", c_uint), ("f", c_float), ("b", c_ubyte * 4)]


u = U()
u.f = 1.0
print(sizeof(U), hex(u.i), list(u.b))


class Sub(POINT):
    _fields_ = [("z", c_int)]


s = Sub(1, 2, 3)
print(sizeof(Sub), s.x, s.y, s.z)


class Anon(Structure):
    _anonymous_ = ("pt",)
    _fields_ = [("pt", POINT), ("k", c_int)]


an = Anon()
an.x = 7
print(an.pt.x, an.x, Anon.x.offset, Anon.k.offset)


class Late(Structure):
    pass


Late._fields_ = [("v", c_int), ("next", POINTER(Late))]
print(sizeof(Late))
show(lambda: setattr(Late, "_fields_", []))


def bad_fields():
    class B(Structure):
        _fields_ = [("x", int)]

show(bad_fields)


def bad_bits():
    class B(Structure):
        _fields_ = [("x", c_double, 3)]

show(bad_bits)


def bad_width():
    class B(Structure):
        _fields_ = [("x", c_int, 33)]

show(bad_width)


def not_pairs():
    class B(Structure):
        _fields_ = [("x",)]

show(not_pairs)
show(lambda: sizeof(Structure))
show(lambda: Structure())
