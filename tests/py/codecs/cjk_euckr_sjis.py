# euc_kr: KS X 1001, and the make-up sequences for other Hangul syllables
samples = ['\uac00\ub098', '\ucccb', '\ub620\ub625', 'a\uc4d4b']
for s in samples:
    b = s.encode('euc_kr')
    print(b, b.decode('euc_kr') == s)
for data in [b'\xa4\xd4\xa4\xa1\xa4\xbf\xa4\xd4', b'\xa4\xd4\xa4\xa1\xa4\xbf',
             b'\xa4\xd4\xa4\xa1\xa4\xa1\xa4\xd4x', b'\xa4\xd4\xb0\xa1\xa4\xbf\xa4\xd4',
             b'\xc9\xa1', b'\xb0']:
    try:
        print(repr(data.decode('euc_kr')))
    except UnicodeDecodeError as e:
        print('UnicodeDecodeError', e)
print(b'\xa4\xd4\xa4\xa1\xa4\xbf'.decode('euc_kr', 'replace'))
print('\u3164\u3131'.encode('euc_kr'), '\U0001f600'.encode('euc_kr', 'replace'))
import codecs
d = codecs.getincrementaldecoder('euc_kr')()
print(repr(d.decode(b'\xa4\xd4\xa4\xb1')), repr(d.decode(b'\xa4\xc3\xa4\xd4x')))

# shift_jis: JIS X 0208's own characters for six symbols
print(repr(b'\x81\x60\x81\x61\x81\x7c\x81\x91\x81\x92\x81\xca'.decode('shift_jis')))
for c in '\u301c\u2016\u2212\xa2\xa3\xac\uff5e\u2225\uff0d\uffe0':
    try:
        print(hex(ord(c)), c.encode('shift_jis'))
    except UnicodeEncodeError as e:
        print(hex(ord(c)), 'UnicodeEncodeError', e.reason)
print(repr(b'\x81\x60\x81\x61'.decode('cp932')), '\uff5e'.encode('cp932'))

# gbk and gb18030: the bytes outside CPython's tables are errors
for data, name in [(b'abc\x80\x80\xc1\xc4', 'gbk'), (b'\x83\x34\x83\x31', 'gbk'),
                   (b'\xa1\x40', 'gbk'), (b'\xa2\xe3', 'gbk'), (b'\xc1\xc4', 'gbk'),
                   (b'abc\x80\x80\xc1\xc4', 'gb18030'), (b'\x81\x30\x81\x30', 'gb18030'),
                   (b'\xff\x30\x81\x30', 'gb18030'), (b'\xa2\xe3', 'gb18030')]:
    try:
        print(name, repr(data.decode(name)))
    except UnicodeDecodeError as e:
        print(name, 'UnicodeDecodeError', e)
    print(name, repr(data.decode(name, 'replace')))
for c in '\u20ac\u804a\ue4c6\x80':
    for name in ('gbk', 'gb18030'):
        try:
            print(name, hex(ord(c)), c.encode(name))
        except UnicodeEncodeError as e:
            print(name, hex(ord(c)), 'UnicodeEncodeError', e.reason)

# an unmapped code at the end is illegal; a code cut off there is incomplete
for data, name in [(b'abc\xea\xfc', 'shift_jis'), (b'abc\xea', 'shift_jis'),
                   (b'\x8f\xa1', 'euc_jp'), (b'\xa1', 'euc_jp'), (b'x\x81', 'cp932')]:
    print(name, repr(data.decode(name, 'replace')))
    try:
        data.decode(name)
    except UnicodeDecodeError as e:
        print(name, 'UnicodeDecodeError', e)
