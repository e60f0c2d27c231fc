# binascii: hex conversions and the two checksums.
import binascii


def t(f, *a, **k):
    try:
        r = f(*a, **k)
    except Exception as e:
        print(f.__name__, 'raised', type(e).__name__, '|', e)
    else:
        print(f.__name__, '->', r)


print(binascii.Error.__mro__, binascii.Incomplete.__mro__, binascii.Error.__module__)
print(sorted(n for n in dir(binascii) if not n.startswith('_')))
data = bytes(range(0, 256, 17))
print(binascii.hexlify(data), binascii.b2a_hex(bytearray(b'\x00\xff')), binascii.hexlify(memoryview(b'xyz')))
for sep, per in [('-', 1), (b':', 2), (' ', -2), ('.', 3), ('.', -3), ('|', 0), ('_', 100), ('é', 1)]:
    print(repr(sep), per, binascii.hexlify(data, sep, per), binascii.b2a_hex(data=data[:5], sep=sep, bytes_per_sep=per))
print(binascii.hexlify(b''), binascii.hexlify(b'', '-'))
t(binascii.hexlify, b'abc', '--')
t(binascii.hexlify, b'abc', '')
t(binascii.hexlify, b'abc', 5)
t(binascii.hexlify, b'abc', None)
t(binascii.hexlify, b'abc', bytearray(b':'))
t(binascii.hexlify, b'abc', ':', 'x')
t(binascii.hexlify, b'abc', ':', 2**40)
t(binascii.hexlify, 'abc')
t(binascii.hexlify)
t(binascii.hexlify, b'a', b'-', 1, 2)
t(binascii.hexlify, b'a', bogus=1)

for s in [b'00ff10', 'ABcdEf', bytearray(b'0a0b'), memoryview(b'7f'), '', b'abc', b'zz', '0g', 'é0', 5, b' 00']:
    t(binascii.unhexlify, s)
    t(binascii.a2b_hex, s)
t(binascii.unhexlify, hexstr='00')
t(binascii.unhexlify)

for d in [b'', b'a', b'abc', b'123456789', bytes(range(256)), b'\xff' * 1000]:
    print(len(d), binascii.crc32(d), binascii.crc_hqx(d, 0), binascii.crc_hqx(d, 0xffff))
crc = 0
for part in [b'hello ', b'wor', b'ld']:
    crc = binascii.crc32(part, crc)
print(crc == binascii.crc32(b'hello world'))
print(binascii.crc32(b'a', -1), binascii.crc32(b'a', 2**70 + 5), binascii.crc32(b'a', True))
print(binascii.crc_hqx(b'a', -1), binascii.crc_hqx(b'a', 2**70), binascii.crc_hqx(bytearray(b'abc'), 0x1234))
t(binascii.crc32, b'a', 1.5)
t(binascii.crc32, 'a')
t(binascii.crc32)
t(binascii.crc32, b'a', 1, 2)
t(binascii.crc32, b'a', crc=1)
t(binascii.crc_hqx, b'a')
t(binascii.crc_hqx, b'a', '1')
t(binascii.crc_hqx, 'a', 0)
