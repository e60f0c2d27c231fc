# UTF-7: direct and base64 runs, '+-', astral characters, lone surrogates,
# malformed input under each error handler, and incremental decoding.
import codecs

for s in ['Hi Mom -\u263a-!', 'A\u2262\u0391.', '\u65e5\u672c\u8a9e', '~~+\\',
          '1 + 1 = 2', 'a\U0001F600b', '\ud800x', 'x-y+z', '']:
    b = s.encode('utf-7')
    print(ascii(s), b, b.decode('utf-7') == s)

for b in [b'+AGEAYgBj-', b'a+', b'+\xff', b'\xe9', b'+AGE', b'+AG-', b'+2D3-x']:
    for err in ['strict', 'replace', 'ignore']:
        try:
            print(b, err, ascii(b.decode('utf-7', err)))
        except UnicodeDecodeError as e:
            print(b, err, 'UnicodeDecodeError', e.start, e.end, e.reason)

print(codecs.utf_7_decode(b'ab+AGE', 'strict', False))
print(codecs.utf_7_decode(b'ab+AGEAYg', 'strict', False))
d = codecs.getincrementaldecoder('utf-7')()
print([d.decode(bytes([c])) for c in b'a+AGEAYgBj-b'])
try:
    codecs.utf_7_encode(b'bytes')
except TypeError as e:
    print('TypeError', e)
