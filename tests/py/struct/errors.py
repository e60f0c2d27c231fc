# struct.error and the other exceptions, with CPython's messages.
import sys
sys.path.append('/usr/lib/python3.11')
import struct


def t(f, *a, **k):
    try:
        r = f(*a, **k)
    except Exception as e:
        print(f.__name__, 'raised', type(e).__module__, type(e).__name__, '|', e)
    else:
        print(f.__name__, '->', r)


print(struct.error, struct.error.__mro__, issubclass(struct.error, Exception))
for code in 'bBhHiIlLqQnNP':
    size = struct.calcsize(code)
    for order in ['', '<', '>', '=', '!']:
        if order and code in 'nNP':
            t(struct.pack, order + code, 1)
            continue
        std = struct.calcsize(order + code)
        for v in [2**70, -2**70, -1, 1 << (std * 8), 1 << (std * 8 - 1), -(1 << (std * 8 - 1)) - 1,
                  1.0, '1', None]:
            t(struct.pack, order + code, v)

for code in 'efd':
    for order in ['', '<', '>']:
        for v in ['x', None, 10**400, 1e300, 70000.0, 65520.0, 65519.0]:
            t(struct.pack, order + code, v)

t(struct.pack, 'c', b'ab')
t(struct.pack, 'c', 'a')
t(struct.pack, 'c', bytearray(b'a'))
t(struct.pack, 'c', 1)
t(struct.pack, 's', 'abc')
t(struct.pack, 'p', 5)
t(struct.pack, '3s', memoryview(b'abc'))


class Bad:
    def __bool__(self):
        raise KeyError('no truth')

    def __index__(self):
        raise ValueError('no index')


t(struct.pack, '?', Bad())
t(struct.pack, 'i', Bad())
t(struct.pack, 'd', Bad())

# Formats.
for fmt in ['z', '3', 'i3', '<P', '=n', '>N', '!e!', 'i i', 'ä', b'\xff', b'i', 99, [], None,
            '99999999999999999999q', '9223372036854775807q', '4611686018427387904h', '\tq\n']:
    t(struct.calcsize, fmt)
t(struct.calcsize)
t(struct.calcsize, 'i', 'i')
t(struct.calcsize, format='i')

# Argument counts.
t(struct.pack)
t(struct.pack, 'i')
t(struct.pack, 'ii', 1)
t(struct.pack, 'i', 1, 2)
t(struct.pack, '3s2p', b'a')
t(struct.pack, 'i', 1, x=1)
t(struct.unpack, 'i')
t(struct.unpack, 'i', b'1234', b'')
t(struct.unpack, 'i', b'123')
t(struct.unpack, 'i', b'12345')
t(struct.unpack, 'x', b'')
t(struct.unpack, 'i', 'abcd')
t(struct.unpack, 'i', [1, 2, 3, 4])
t(struct.unpack_from, 'i')
t(struct.unpack_from, 'i', b'123')
t(struct.unpack_from, 'i', b'12345', 2)
t(struct.unpack_from, 'i', b'12345', -6)
t(struct.unpack_from, 'i', b'12345', offset=-3)
t(struct.unpack_from, 'i', b'12345', offset=-4)
t(struct.unpack_from, 'i', b'12345', offset='1')
t(struct.unpack_from, 'i', b'12345', offset=2**70)
t(struct.unpack_from, 'i', buffer=b'12345', offset=1)
t(struct.unpack_from, 'i', b'1234', bogus=1)
t(struct.unpack_from, format='i', buffer=b'1234')
t(struct.iter_unpack, 'i', b'12345')
t(struct.iter_unpack, '', b'')
t(struct.iter_unpack, 'i')
t(struct.iter_unpack, 'i', 5)

mv = memoryview(b'abcd')
mv.release()
t(struct.unpack, '4s', mv)

# Embedded NUL, sizes past the largest bytes object, conversions of
# __index__ objects (OverflowError kept) against ints (struct.error).
t(struct.calcsize, 'i\0q')
t(struct.pack, 'i\0q', 1)
t(struct.pack, '9223372036854775806x')
print(struct.calcsize('4611686018427387903q'))


class Huge:
    def __init__(self, v):
        self.v = v

    def __index__(self):
        return self.v


for code in ['>q', '>Q', 'P', '<q', 'q', 'B']:
    t(struct.pack, code, Huge(2**70))
    t(struct.pack, code, Huge(-2**70))
    t(struct.pack, code, 2**70)


class Sub(int):
    pass


t(struct.pack, '>q', Sub(2**70))
t(struct.pack, 'B', Sub(3))
t(struct.pack, '<f', 10**300)
t(struct.pack, 'f', 10**300)
t(struct.pack, '<d', 10**400)
t(struct.pack, '<e', 10**300)
t(struct.pack, '<f', 3.5e38)
t(struct.pack, 'f', 3.5e38)
