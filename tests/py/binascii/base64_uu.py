# binascii: base64 (lenient and strict decoding) and uuencode.
import binascii


def t(f, *a, **k):
    try:
        r = f(*a, **k)
    except Exception as e:
        print(f.__name__, 'raised', type(e).__name__, '|', e)
    else:
        print(f.__name__, '->', r)


for d in [b'', b'f', b'fo', b'foo', b'foob', b'fooba', b'foobar', bytes(range(256))[:61]]:
    enc = binascii.b2a_base64(d)
    print(enc, binascii.b2a_base64(d, newline=False), binascii.a2b_base64(enc) == d)
print(binascii.b2a_base64(bytearray(b'xyz'), newline=0), binascii.b2a_base64(memoryview(b'\xfb\xff')))

for s in [b'Zm9v', 'Zm9vYg==', b'Zm9vYg', b'Zm9vYg=', b'Zm9vYmE=', b'Z m9\nvY!g=\n=', b'Zm9v====', b'=Zm9v',
          b'Zm=9v', b'Zm9vY', b'Zm9vYmFy' * 3 + b'Z', b'Zm9vYg==extra', b'', b'====', b'Zg=', b'Zg==',
          b'Zm9vYg=\n=', b'Zm9v=', b'Zm9v=a', b'Zm9vY=', b'Zm9vYm==', b'Zm9vYmE==', b'Zm9vYmE=a', bytearray(b'YWJj'), memoryview(b'YWJj')]:
    t(binascii.a2b_base64, s)
    t(binascii.a2b_base64, s, strict_mode=True)
t(binascii.a2b_base64, 'Zé==')
t(binascii.a2b_base64, 5)
t(binascii.a2b_base64, b'ab', 1)
t(binascii.a2b_base64, b'ab', strict_mode=[])
t(binascii.a2b_base64, b'ab', strict_mode=2**40)
t(binascii.b2a_base64, 'x')
t(binascii.b2a_base64, b'ab', newline='x')
t(binascii.b2a_base64)

for d in [b'', b'a', b'ab', b'abc', b'abcd', b'\x00\x00\x00', b'The quick brown fox jumps over the lazy dog!!']:
    enc = binascii.b2a_uu(d)
    print(enc, binascii.b2a_uu(d, backtick=True), binascii.a2b_uu(enc) == d)
for s in [b'', b' ', b'!80``\n', b'#86)C\n', '#86)C', b'#86)C   \n', b'#86)C\nxx', b'!!!!x', b'abc',
          b'%86)C9&0\r\n', b'$', b'\x7f', b'#86)C``', b'#86)C\x00']:
    t(binascii.a2b_uu, s)
t(binascii.a2b_uu, 'é')
t(binascii.a2b_uu, 5)
t(binascii.a2b_uu)
t(binascii.a2b_uu, b'', b'')
t(binascii.b2a_uu, b'x' * 46)
t(binascii.b2a_uu, 'x')
t(binascii.b2a_uu, b'\0\0', backtick='x')
t(binascii.b2a_uu, b'\0\0', True)
print(binascii.b2a_uu(b'x' * 45)[:10])
