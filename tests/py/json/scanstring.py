# _json.scanstring and the basestring encoders called directly.
import _json
import json

def show(f):
    try:
        print(repr(f()))
    except json.JSONDecodeError as e:
        print('JSONDecodeError', e.msg, e.pos)
    except Exception as e:
        print(type(e).__name__, e)

show(lambda: _json.scanstring('"abc" tail', 1))
show(lambda: _json.scanstring('xy"\u00e9\\u00e9\u4e2d" z', 3))
show(lambda: _json.scanstring('"a\\nb\\u0041"', 1, True))
show(lambda: _json.scanstring('"a\x02b"', 1, False))
show(lambda: _json.scanstring('"a\x02b"', 1, 0))
show(lambda: _json.scanstring('"a\x02b"', 1))
show(lambda: _json.scanstring('abc"', 0))
show(lambda: _json.scanstring('abc', 0))
show(lambda: _json.scanstring('"abc"', 5))
show(lambda: _json.scanstring('"abc"', 6))
show(lambda: _json.scanstring('"abc"', -1))
show(lambda: _json.scanstring('"abc"', 2 ** 70))
show(lambda: _json.scanstring(b'"abc"', 1))
show(lambda: _json.scanstring('"abc"'))
show(lambda: _json.scanstring('"abc"', 1, strict=False))
show(lambda: _json.scanstring('"abc"', 1, None))
show(lambda: _json.scanstring('"abc"', '1'))
show(lambda: _json.scanstring('"\\ud834\\udd1e"', 1))

samples = ['', 'plain', 'quote " back \\ slash', 'ctl \x00 \x1f \x7f \b\f\n\r\t',
           'caf\u00e9 \u4e2d \U0001f600 \U0010ffff', '\ud800 lone', '\udfff', '/']
for s in samples:
    print(repr(_json.encode_basestring_ascii(s)), repr(_json.encode_basestring(s)))

class S(str):
    pass

show(lambda: _json.encode_basestring_ascii(S('sub"class')))
show(lambda: type(_json.encode_basestring(S('x'))).__name__)
show(lambda: _json.encode_basestring_ascii(b'x'))
show(lambda: _json.encode_basestring(1))
show(lambda: _json.encode_basestring_ascii('x', 'y'))
show(lambda: _json.encode_basestring_ascii())
show(lambda: _json.encode_basestring(s='x'))
print(json.decoder.scanstring is _json.scanstring)
print(json.encoder.encode_basestring_ascii is _json.encode_basestring_ascii)
print(json.scanner.make_scanner is _json.make_scanner)
