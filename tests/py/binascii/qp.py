# binascii: quoted-printable in both directions.
import binascii


def t(f, *a, **k):
    try:
        r = f(*a, **k)
    except Exception as e:
        print(f.__name__, 'raised', type(e).__name__, '|', e)
    else:
        print(f.__name__, '->', r)


samples = [
    b'', b'plain text', b'a=b', b'caf\xc3\xa9', b'tab\there', b'trailing space ', b'trailing tab\t',
    b'line one\nline two\n', b'crlf one\r\ncrlf two\r\n', b'space before end \nnext', b'.\n', b'.',
    b'.x\n', b'a\rb', b'under_score and space', b'x' * 80, b'y' * 75 + b'\n', b'z' * 74 + b'==',
    b'\x00\x01\x7f\x80\xff', b'mixed\r\nends\nhere\r\n', b' ' * 90, b'w' * 76, b'v' * 77 + b'\n' + b'u' * 3,
]
for s in samples:
    for args in [{}, {'quotetabs': True}, {'istext': False}, {'header': True},
                 {'quotetabs': 1, 'istext': 0, 'header': 1}]:
        enc = binascii.b2a_qp(s, **args)
        back = binascii.a2b_qp(enc, header=args.get('header', False))
        print(s[:20], args, enc, back == s)

for s in [b'=41=42', b'=4', b'=', b'a=\nb', b'a=\r\nb', b'a=  \r\nb', b'==41', b'=zz', b'=4g', b'=a=b=c=d',
          b'_a_', 'text=3D', b'=\r', b'=\rx\ny', bytearray(b'=41'), memoryview(b'x=41')]:
    print(bytes(s) if not isinstance(s, str) else s, binascii.a2b_qp(s), binascii.a2b_qp(s, header=True),
          binascii.a2b_qp(data=s, header=False))
t(binascii.a2b_qp, 'é')
t(binascii.a2b_qp, 5)
t(binascii.a2b_qp, b'=4', header=2.0)
t(binascii.a2b_qp)
t(binascii.b2a_qp, 'x')
t(binascii.b2a_qp, b'a', quotetabs='x')
t(binascii.b2a_qp, b'a', 1, 1, 1, 1)
t(binascii.b2a_qp, b'a', bogus=1)
