# pack_into, unpack_from and iter_unpack over bytes, bytearray and memoryview.
import sys
sys.path.append('/usr/lib/python3.11')
import struct


def t(f, *a, **k):
    try:
        r = f(*a, **k)
    except Exception as e:
        print(f.__name__, 'raised', type(e).__name__, '|', e)
    else:
        print(f.__name__, '->', r)


buf = bytearray(12)
struct.pack_into('<hi', buf, 0, -2, 0x11223344)
print(buf)
struct.pack_into('>H', buf, 10, 0xabcd)
print(buf)
struct.pack_into('<H', buf, -4, 0x0102)
print(buf)
t(struct.pack_into, '<i', buf, 9, 1)
t(struct.pack_into, '<i', buf, -13, 1)
t(struct.pack_into, '<i', buf, -2, 1)
t(struct.pack_into, '<i', buf, '0', 1)
t(struct.pack_into, '<i', buf, 2**70, 1)
t(struct.pack_into, '<i', b'1234', 0, 1)
t(struct.pack_into, '<i', memoryview(b'1234'), 0, 1)
t(struct.pack_into, '<i', 'abcd', 0, 1)
t(struct.pack_into)
t(struct.pack_into, 'i')
t(struct.pack_into, 'i', buf)
t(struct.pack_into, 'i', buf, 0)
t(struct.pack_into, 'ii', buf, 0, 1, 2, 3)

# A failure part way leaves the values packed before it, as in CPython.
buf = bytearray(b'\xee' * 8)
t(struct.pack_into, '<hhh', buf, 1, 1, 2, 'x')
print(buf)

# Through a writable memoryview, sliced.
store = bytearray(10)
view = memoryview(store)
struct.pack_into('<2h', view[2:], 1, 7, 8)
print(store)
t(struct.pack_into, '<i', view[8:], 0, 1)
t(struct.pack_into, '<i', view.toreadonly(), 0, 1)
t(struct.pack_into, 'b', view[::2], 0, 1)

data = bytes(range(16))
print(struct.unpack_from('<I', data))
print(struct.unpack_from('<I', data, 12))
print(struct.unpack_from('<I', data, offset=-4))
print(struct.unpack_from('<2H', bytearray(data), 3))
print(struct.unpack_from('>Q', memoryview(data)[4:]))
t(struct.unpack, '<4s', memoryview(data)[::4])
print(struct.unpack('>H', bytearray(b'\x01\x02')))

it = struct.iter_unpack('<hb', bytes(range(9)))
print(type(it).__name__, type(it).__module__, it.__length_hint__())
print(iter(it) is it, next(it), it.__length_hint__())
print(list(it), it.__length_hint__())
t(next, it)
print(list(struct.iter_unpack('>H', bytearray(b'\x00\x01\x00\x02'))))
print(list(struct.iter_unpack('c', memoryview(b'xyz'))))
print(list(struct.iter_unpack('4s', b'')))
try:
    type(it)()
except TypeError as e:
    print('TypeError', e)
