# An array is a buffer: bytes(), memoryview, struct.pack_into, file writes.
import array, copy, io, struct

a = array.array('h', [1, -2, 3])
print(bytes(a), bytearray(a), b'x' + bytes(a))
m = memoryview(a)
print(m.format, m.itemsize, m.nbytes, len(m), m.tolist(), m.readonly, m.obj is a)
m[0] = 100
print(a)
b = array.array('B', bytes(8))
struct.pack_into('<hi', b, 1, 0x0102, 0x03040506)
print(b, struct.unpack_from('<hi', b, 1))
f = io.BytesIO()
a.tofile(f)
f.write(array.array('b', [9]))
print(f.getvalue())
f.seek(0)
c = array.array('h')
c.fromfile(f, 2)
print(c)
try:
    c.fromfile(f, 5)
except ValueError as e:
    print("ValueError", e, c)
f = io.BytesIO(bytes(6))
try:
    c.fromfile(f, 5)
except EOFError as e:
    print('EOFError', e, c)
r = array.array('b', bytes(4))
n = io.BytesIO(b'abcdef').readinto(r)
print(n, r)
print(copy.copy(a), copy.deepcopy(a), copy.copy(a) is a)
class Sub(array.array):
    pass
s = Sub('i', [1, 2])
s.tag = 'x'
print(s, s.tag, type(s[:]).__name__, isinstance(s, array.array))
