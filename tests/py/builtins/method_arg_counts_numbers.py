# Wrong argument counts and unexpected keyword arguments for the methods of
# int, float and complex, and their alternate constructors (int.from_bytes,
# float.fromhex): CPython's TypeError messages.


def attempt(label, f):
    try:
        r = f()
        print(label, '->', repr(r))
    except TypeError as e:
        print(label, '!', type(e).__name__, e)


n = 300
print('-- int')
for name in ['bit_length', 'bit_count', 'as_integer_ratio', 'conjugate']:
    attempt(name + '(1)', lambda: getattr(n, name)(1))
    attempt(name + '(zz=1)', lambda: getattr(n, name)(zz=1))
attempt('to_bytes(2, "big", 1)', lambda: n.to_bytes(2, 'big', 1))
attempt('to_bytes(2, "big", True, 1)', lambda: n.to_bytes(2, 'big', True, 1))
attempt('to_bytes(2, length=2)', lambda: n.to_bytes(2, length=2))
attempt('to_bytes(2, zz=1)', lambda: n.to_bytes(2, zz=1))
attempt('to_bytes(length=2, byteorder="little")', lambda: n.to_bytes(length=2, byteorder='little'))
attempt('to_bytes(2, signed=True)', lambda: n.to_bytes(2, signed=True))
attempt('int.from_bytes()', lambda: int.from_bytes())
attempt('int.from_bytes(byteorder="big")', lambda: int.from_bytes(byteorder='big'))
attempt('int.from_bytes(b"ab", "big", True)', lambda: int.from_bytes(b'ab', 'big', True))
attempt('int.from_bytes(b"ab", bytes=b"ab")', lambda: int.from_bytes(b'ab', bytes=b'ab'))
attempt('int.from_bytes(b"ab", zz=1)', lambda: int.from_bytes(b'ab', zz=1))
attempt('int.from_bytes(zz=1)', lambda: int.from_bytes(zz=1))
attempt('int.from_bytes(*range(9))', lambda: int.from_bytes(*range(9)))
attempt('int.from_bytes(bytes=b"ab", signed=True)', lambda: int.from_bytes(bytes=b'ab', signed=True))

print('-- float')
x = 2.5
for name in ['is_integer', 'hex', 'as_integer_ratio', 'conjugate']:
    attempt(name + '(1)', lambda: getattr(x, name)(1))
    attempt(name + '(zz=1)', lambda: getattr(x, name)(zz=1))
attempt('float.fromhex()', lambda: float.fromhex())
attempt('float.fromhex("0x1p1", 1)', lambda: float.fromhex('0x1p1', 1))
attempt('float.fromhex(string="0x1p1")', lambda: float.fromhex(string='0x1p1'))
attempt('float.fromhex("0x1p1")', lambda: float.fromhex('0x1p1'))

print('-- complex')
c = 1 + 2j
attempt('conjugate(1)', lambda: c.conjugate(1))
attempt('conjugate(zz=1)', lambda: c.conjugate(zz=1))
attempt('conjugate()', lambda: c.conjugate())
