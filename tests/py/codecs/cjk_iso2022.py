# The ISO-2022 codec family: designations, shifts and single shifts.
import codecs

samples = {
    'iso2022_kr': 'ab\uac00\ub098c\n\ud55c\uae00',
    'iso2022_jp': 'x\u65e5\u672c\u00a5\u203ey',
    'iso2022_jp_1': '\u65e5\u4e28z',
    'iso2022_jp_2': 'a\u65e5\uac00\u4e2d\u00a5b',
    'iso2022_jp_ext': '\uff71\uff72a\u65e5',
    'iso2022_jp_2004': '\u65e5\u4ff1\u00e6\u0300\u31f7',
    'iso2022_jp_3': '\u65e5\u00e6\u31f7',
}
for name, text in samples.items():
    b = text.encode(name)
    print(name, b, b.decode(name) == text)

# decoding: escape sequences, SO/SI, ESC passing through, single shifts
print(b'\x1b$)C\x0e0!\x0fA'.decode('iso2022_kr'))
print(b'ab\x1bdef'.decode('iso2022_jp', 'replace'))
print(b'\x1b(B:hu4:unit\x1b.A\x1bNi de famille'.decode('iso2022_jp_2'))
print(b'\x1b.F\x1bNa\x1bNb'.decode('iso2022_jp_2'))
print(b'\x1b(I12'.decode('iso2022_jp_ext'))
print(b'\x1b&@\x1b$B$"\x1b(B'.decode('iso2022_jp'))
for data, name in [(b'\x1b$(Cxx', 'iso2022_jp'), (b'\x1b(J\x80', 'iso2022_jp'),
                   (b'\x1b$B$', 'iso2022_jp'), (b'\x0e!!', 'iso2022_kr')]:
    try:
        print(data.decode(name))
    except UnicodeDecodeError as e:
        print('UnicodeDecodeError', e)

# encoding errors and handlers
for name in ('iso2022_kr', 'iso2022_jp'):
    try:
        '\u0100'.encode(name)
    except UnicodeEncodeError as e:
        print('UnicodeEncodeError', e)
    print('a\u0100\uac00'.encode(name, 'xmlcharrefreplace'))

# incremental: the state lives between calls and in getstate()
e = codecs.getincrementalencoder('iso2022_kr')()
print(e.getstate(), e.encode('\uac00'), e.getstate(), e.encode('a', final=True), e.getstate())
e = codecs.getincrementalencoder('iso2022_jp_2')()
print(e.encode('\u65e5'), e.encode('\uac00'), e.encode('', final=True))
d = codecs.getincrementaldecoder('iso2022_jp')()
print(repr(d.decode(b'\x1b$')), repr(d.decode(b'B$"')), d.getstate())
d = codecs.getincrementaldecoder('iso2022_jp_2004')()
print(repr(d.decode(b'\x1b$(Q$')), repr(d.decode(b'w', final=True)))
# a character that may begin a JIS X 0213 pair waits, but is written alone
e = codecs.getincrementalencoder('iso2022_jp_2004')()
print(e.encode('\u31f7'), e.encode('a'), e.encode('\u304b'), e.encode('', final=True))
for text, name in [('\u304b\u309a', 'iso2022_jp_2004'), ('\u4ff1', 'iso2022_jp_3')]:
    try:
        print(text.encode(name))
    except UnicodeEncodeError as e:
        print('UnicodeEncodeError', e)
for data, name in [(b'\x1b$(Q$w', 'iso2022_jp_3'), (b'\x1b$(O$w', 'iso2022_jp_2004')]:
    try:
        print(data.decode(name))
    except UnicodeDecodeError as e:
        print('UnicodeDecodeError', e)
