# Every format code packed and unpacked in each byte order.
import sys
sys.path.append('/usr/lib/python3.11')
import struct

samples = {
    'b': [-128, -1, 0, 1, 127],
    'B': [0, 1, 128, 255],
    'h': [-32768, -2, 0, 300, 32767],
    'H': [0, 1, 258, 65535],
    'i': [-2**31, -7, 0, 123456, 2**31 - 1],
    'I': [0, 7, 2**31, 2**32 - 1],
    'l': [-2**31, -1, 0, 2**31 - 1],
    'L': [0, 2**32 - 1],
    'q': [-2**63, -5, 0, 2**63 - 1],
    'Q': [0, 2**63, 2**64 - 1],
    '?': [True, False],
    'e': [0.0, -0.0, 1.0, -2.5, 65504.0, 0.1, 1e-7, float('inf'), float('-inf')],
    'f': [0.0, 1.5, -3.25, 0.1, 1e38, float('inf')],
    'd': [0.0, -1.0, 0.1, 1e308, 5e-324, float('-inf')],
    'c': [b'a', b'\x00', b'\xff'],
}

for order in ['', '@', '=', '<', '>', '!']:
    for code, values in samples.items():
        fmt = order + code
        for v in values:
            packed = struct.pack(fmt, v)
            back = struct.unpack(fmt, packed)
            print(repr(fmt), repr(v), packed.hex(), back)

# Codes only native mode knows.
for code, values in [('n', [-2**63, -1, 0, 2**63 - 1]), ('N', [0, 2**64 - 1]),
                     ('P', [0, 1, 2**64 - 1, -1])]:
    for v in values:
        packed = struct.pack(code, v)
        print(code, v, packed.hex(), struct.unpack(code, packed))

# Half floats: rounding to nearest even, subnormals, nan.
for v in [1.0009765625, 1.00048828125, 1.00146484375, 6.103515625e-5, 5.960464477539063e-8,
          2.98e-8, 3e-8, 65519.99, -1e-10]:
    p = struct.pack('<e', v)
    print('e', repr(v), p.hex(), struct.unpack('<e', p))
nan = struct.unpack('<e', struct.pack('<e', float('nan')))[0]
print('nan e', nan != nan, struct.pack('<e', float('nan')).hex())
nan = struct.unpack('>d', struct.pack('>d', float('nan')))[0]
print('nan d', nan != nan)
print(struct.unpack('>e', b'\x7c\x01')[0] != struct.unpack('>e', b'\x7c\x01')[0])

# Strings: s and p with counts, truncation and padding.
for fmt, v in [('s', b'abc'), ('5s', b'ab'), ('3s', b'abcdef'), ('0s', b'xyz'),
               ('p', b'abc'), ('4p', b'ab'), ('4p', b'abcdef'), ('300p', b'z' * 400),
               ('2s', bytearray(b'qq')), ('3p', bytearray(b'r'))]:
    packed = struct.pack(fmt, v)
    print(fmt, packed[:12], len(packed), struct.unpack(fmt, packed)[0][:10])
print(struct.unpack('3p', b'\x09ab'))
print(struct.pack('2c3x?', b'a', b'b', 5))

# Repeat counts and whitespace.
print(struct.pack('<3h 2b', 1, 2, 3, 4, 5))
print(struct.unpack('< 2i  1h', bytes(range(10))))
t = None
try:
    struct.calcsize('2 i')
except struct.error as e:
    print(e)
print(struct.pack('0i'), struct.calcsize('0i5x'), struct.pack('<0q'))
print(struct.pack('>4?', 0, 1, [], 'x'))
print(struct.unpack('4?', b'\x00\x01\x02\xff'))
print(struct.pack('i', True), struct.pack('<d', 3), struct.pack('<f', 7))


class Idx:
    def __init__(self, n):
        self.n = n

    def __index__(self):
        return self.n


class Flt:
    def __float__(self):
        return 2.5


print(struct.pack('<hQ', Idx(-3), Idx(9)), struct.pack('<d', Flt()), struct.pack('<e', Idx(2)))
print(struct.pack('b', False), struct.pack('<I', 2**32 - 1))
