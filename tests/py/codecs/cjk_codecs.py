# The CJK codecs (_multibytecodec over encoding_rs): round trips, strict
# subsets, error handlers, incremental and stream objects, unprovided codecs.
import codecs
import io

samples = {
    'shift_jis': '\u65e5\u672c\u8a9e\u30c6\u30ad\u30b9\u30c8 abc',
    'cp932': '\u2460\u65e5\u672c',
    'euc_jp': '\u304b\u306a\u6f22\u5b57',
    'iso2022_jp': 'abc\u65e5\u672cdef',
    'euc_kr': '\ud55c\uad6d\uc5b4',
    'cp949': '\ud55c\uae00 \uac02',
    'gb2312': '\u4e2d\u6587',
    'gbk': '\u4e2d\u6587\u7e41\u9ad4',
    'gb18030': '\u4e2d\u6587\u20ac\U00020000',
    'big5': '\u4e2d\u6587\u5b57',
    'cp950': '\u7e41\u9ad4',
    'big5hkscs': '\u4e2d\u6587',
}
for enc, s in samples.items():
    b = s.encode(enc)
    print(enc, b, b.decode(enc) == s, codecs.lookup(enc).name)

# Outside a strict subset: an error, not another codec's bytes.
for enc, s in [('shift_jis', '\u2460'), ('gb2312', '\u7e41')]:
    try:
        s.encode(enc)
    except UnicodeEncodeError as e:
        print(enc, 'UnicodeEncodeError', e.start, e.end, e.reason)
    print(enc, s.encode(enc, 'replace'), s.encode(enc, 'xmlcharrefreplace'),
          s.encode(enc, 'backslashreplace'), s.encode(enc, 'ignore'))

for enc, b in [('shift_jis', b'ab\x82'), ('shift_jis', b'\xff\x82\xa0'), ('euc_jp', b'\xa4'),
               ('gbk', b'\x81'), ('euc_kr', b'\xb0\x41')]:
    for err in ['strict', 'replace', 'ignore']:
        try:
            print(enc, b, err, ascii(b.decode(enc, err)))
        except UnicodeDecodeError as e:
            print(enc, b, err, 'UnicodeDecodeError', e.start, e.end, e.reason)

d = codecs.getincrementaldecoder('shift_jis')()
data = '\u3042\u3044\u3046'.encode('shift_jis')
print([d.decode(data[i:i + 1]) for i in range(len(data))], d.getstate())
d.decode(b'\x82')
print(d.getstate())
d.reset()
print(d.getstate())
try:
    d.decode(b'\x82', final=True)
except UnicodeDecodeError as e:
    print('UnicodeDecodeError', e.reason)

e = codecs.getincrementalencoder('iso2022_jp')()
print(e.encode('\u65e5'), e.encode('\u672c'), e.encode('', final=True))
e = codecs.getincrementalencoder('euc_kr')()
print(e.encode('\ud55c'), e.encode('\uad6d', final=True), e.getstate())

r = codecs.getreader('euc_jp')(io.BytesIO('\u4e00\u884c\n\u4e8c\u884c\n'.encode('euc_jp')))
print(ascii(r.readline()), ascii(r.read()))
buf = io.BytesIO()
w = codecs.getwriter('iso2022_jp')(buf)
w.write('\u65e5')
w.writelines(['\u672c', 'x'])
w.reset()
print(buf.getvalue())

import _codecs_jp
try:
    _codecs_jp.getcodec('nonesuch')
except LookupError as e:
    print('LookupError', e)
try:
    _codecs_jp.getcodec(1)
except TypeError as e:
    print('TypeError', e)
