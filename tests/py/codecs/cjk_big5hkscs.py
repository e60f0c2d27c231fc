# big5hkscs: HKSCS characters (some outside the BMP) and letter + mark pairs
import codecs
for s in ['\U0002010c\u43f0', '\u00ca\u0304x\u00ea\u030c', '\u00ca\u00ea', '\u8b10a']:
    b = s.encode('big5hkscs')
    print(b, b.decode('big5hkscs') == s)
e = codecs.getincrementalencoder('big5hkscs')()
print(e.encode('\u00ca'), e.encode('\u0304'), e.encode('\u00ea'), e.encode('', final=True))
for data in [b'abc\x80\x80\xc1\xc4', b'abc\xc8', b'\x88\x62\x88\x66']:
    print(repr(data.decode('big5hkscs', 'replace')))
try:
    print('\u0100'.encode('big5hkscs'), '\u0101\u0300'.encode('big5hkscs'))
    '\u0370'.encode('big5hkscs')
except UnicodeEncodeError as e:
    print('UnicodeEncodeError', e)
