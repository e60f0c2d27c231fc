# The Struct class: attributes, methods, subclassing, re-initialisation, the cache.
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


s = struct.Struct('<hhq')
print(s.format, s.size, type(s).__name__, type(s).__module__)
print(s.pack(1, -1, 2**40))
print(s.unpack(s.pack(1, -1, 2**40)))
print(s.unpack_from(b'\x00' * 4 + s.pack(3, 4, 5), 4))
print(s.unpack_from(buffer=s.pack(3, 4, 5)))
print(list(s.iter_unpack(s.pack(1, 2, 3) + s.pack(4, 5, 6))))
b = bytearray(s.size + 2)
s.pack_into(b, 2, 9, 8, 7)
print(b)
t(s.pack, 1, 2)
t(s.unpack, b'')
t(s.unpack_from, b'', 0)
t(s.iter_unpack, b'1')
t(s.pack_into, b, 0, 1)
t(setattr, s, 'format', 'i')
t(setattr, s, 'size', 3)
t(setattr, s, 'other', 3)
print(struct.Struct(b'>i').format, struct.Struct(format='Q').size)
print(struct.Struct('').size, struct.Struct('').pack(), struct.Struct('').unpack(b''))
t(struct.Struct)
t(struct.Struct, 'i', 'j')
t(struct.Struct, 5)
t(struct.Struct, 'y')
t(struct.Struct, bytearray(b'i'))
print(s.__sizeof__() > struct.Struct('').__sizeof__())

# __init__ parses again.
s.__init__('>I')
print(s.format, s.size, s.pack(1))


class Rec(struct.Struct):
    def __init__(self, fmt, tag):
        super().__init__(fmt)
        self.tag = tag

    def total(self, data):
        return sum(self.unpack(data))


r = Rec('<3b', 'three')
print(r.tag, r.size, r.total(b'\x01\x02\x03'), isinstance(r, struct.Struct), r.__dict__)

# Module functions accept str and bytes formats, cached or not.
for i in range(150):
    assert struct.calcsize('%dx' % i) == i
struct._clearcache()
print(struct.pack(b'<h', 5), struct.pack('<h', 5), struct.calcsize(b'ii'))
print(sorted(n for n in dir(struct) if not n.startswith('_')))
print(struct.__doc__ is not None)
