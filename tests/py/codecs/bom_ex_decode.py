# codecs.utf_16_ex_decode / utf_32_ex_decode (BOM detection, partial input)
# and readbuffer_encode, plus the utf-16/utf-32 incremental decoders built on them.
import codecs  # (utf-8 incremental prefixes at the end)

for data in [b'\xff\xfea\x00b\x00', b'\xfe\xff\x00a\x00b', b'a\x00b\x00', b'\xff', b'\xff\xfea', b'']:
    for final in (False, True):
        try:
            print(data, final, codecs.utf_16_ex_decode(data, 'strict', 0, final))
        except UnicodeDecodeError as e:
            print(data, final, 'UnicodeDecodeError', e.reason)
print(codecs.utf_16_ex_decode(b'\x00a', 'strict', 1, True))
print(codecs.utf_16_ex_decode(b'a\x00', 'strict', -1, True))
for data in [b'\xff\xfe\x00\x00a\x00\x00\x00', b'\x00\x00\xfe\xff\x00\x00\x00a', b'a\x00\x00\x00', b'\xff\xfe\x00']:
    print(data, codecs.utf_32_ex_decode(data, 'strict', 0, False))

for enc in ('utf-16', 'utf-32'):
    d = codecs.getincrementaldecoder(enc)()
    data = 'h\xe9llo \u20ac'.encode(enc)
    print(enc, [d.decode(data[i:i + 3]) for i in range(0, len(data), 3)], d.decode(b'', final=True))
    try:
        codecs.getincrementaldecoder(enc)().decode(b'a\x00b\x00\x00\x00\x00\x00', final=True)
    except UnicodeError as e:
        print(enc, type(e).__name__, e)

print(codecs.readbuffer_encode(b'abc'), codecs.readbuffer_encode('\xe9'), codecs.readbuffer_encode(bytearray(b'xy'), 'strict'))
try:
    codecs.readbuffer_encode(5)
except TypeError as e:
    print('TypeError', e)
import codecs  # (utf-8 incremental prefixes at the end)
for data in [b'\xe0\x80', b'\xe0\x9f', b'\xf0\x80', b'\xf4\x90', b'\xed\xa0', b'\xe0', b'\xe0\xa0', b'\xf0\x90\x80']:
    d = codecs.getincrementaldecoder('utf-8')()
    try:
        print(data, repr(d.decode(data)))
    except UnicodeDecodeError as e:
        print(data, 'UnicodeDecodeError', e.start, e.end, e.reason)
