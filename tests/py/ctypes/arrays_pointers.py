# ctypes arrays and pointers: indexing, slices, char arrays, contents,
# casts, memmove/memset/string_at and from_buffer.
import ctypes
from ctypes import *


def show(f):
    try:
        r = f()
    except Exception as e:
        print(type(e).__name__ + ":", e)
    else:
        print("ok", r)


IntArr = c_int * 5
print(IntArr.__name__, IntArr is c_int * 5, sizeof(IntArr), len(IntArr()))
a = IntArr(1, 2, 3)
print(list(a), a[0], a[-1], a[1:3], a[::2], a[::-1])
a[4] = 9
a[1:3] = [7, 8]
print(list(a))
show(lambda: a[5])
show(lambda: a.__setitem__(slice(0, 2), [1]))
show(lambda: IntArr(1, 2, 3, 4, 5, 6))
show(lambda: c_int * -1)
show(lambda: a["x"])

buf = create_string_buffer(b"hello", 10)
print(sizeof(buf), buf.value, buf.raw, buf[0], buf[1:4])
buf.value = b"hi"
print(buf.value, buf.raw)
show(lambda: setattr(buf, "value", b"x" * 20))
wbuf = create_unicode_buffer("w\u00f6rld")
print(sizeof(wbuf) // sizeof(c_wchar), wbuf.value, wbuf[1], wbuf[0:3])

Matrix = (c_double * 3) * 2
m = Matrix((1, 2, 3), (4, 5, 6))
print(m[1][2], [list(row) for row in m], sizeof(Matrix))

x = c_int(42)
p = pointer(x)
print(p.contents.value, p[0], type(p).__name__, POINTER(c_int) is type(p))
p[0] = 43
print(x.value)
p.contents = c_int(7)
print(p[0], x.value)
np = POINTER(c_int)()
print(bool(np), bool(p))
show(lambda: np[0])
show(lambda: np.contents)

arr = (c_int * 4)(10, 20, 30, 40)
pa = cast(arr, POINTER(c_int))
print(pa[0], pa[3], pa[1:3])
vp = cast(arr, c_void_p)
print(vp.value == addressof(arr))
back = cast(vp, POINTER(c_int * 4))
print(list(back.contents))
show(lambda: cast(arr, c_int))

dst = (c_char * 8)()
memmove(dst, b"abcdefgh", 8)
print(dst.raw)
memset(dst, ord("z"), 3)
print(dst.raw)
print(string_at(dst, 4), string_at(addressof(dst) + 2, 3))
print(wstring_at(create_unicode_buffer("xyz")))

f = c_float(1.0)
bits = c_uint32.from_buffer(f)
print(hex(bits.value))
bits.value = 0x40000000
print(f.value)
print(c_uint16.from_buffer_copy(b"\x01\x02\x03\x04", 2).value)
show(lambda: c_int.from_buffer_copy(b"\x01"))
show(lambda: c_int.from_buffer(b"abcd"))
show(lambda: c_int.from_buffer(c_short()))
show(lambda: c_int.from_buffer_copy(b"abcd", -1))
d = c_double(2.5)
d2 = c_double.from_address(addressof(d))
print(d2.value)
d2.value = 9.0
print(d.value)

mv = memoryview(c_int(0x01020304))
print(mv.nbytes, bytes(mv))
n = c_int(0)
memoryview(n).cast("B")[0] = 5
print(n.value)

buf = create_string_buffer(4)
resize(buf, 32)
print(sizeof(buf), len(buf))
show(lambda: resize(buf, 2))
show(lambda: resize(c_int.from_address(addressof(buf)), 64))
print(byref(x).__class__.__name__, byref(x)._obj is x)
show(lambda: byref(5))
