# Malformed JSON: the JSONDecodeError message, position, line and column, and
# the scanner's StopIteration when no value starts at the index.
import json
import _json

bad = [
    '', '   ', '[', '[1', '[1,', '[1,]', '[1 2]', '{', '{"a"', '{"a" 1}', '{"a":}',
    '{"a":1,}', '{"a":1 "b":2}', '{1: 2}', '"abc', '"abc\\', '"\\x"', '"\\u12"',
    '"\\u12zz"', '"\\ud83d\\ude0"', '"\\ud83d\\uzzzz"', '"a\x01b"', '"tab\there"',
    'nul', 'tru', 'fals', 'NaNa', '-', '-x', '.5', '+1', '[1] x', '[1]\n\n  ]',
    '\u00e9', '["\u00e9\u00e9" 1]', '{"\u4e2d": 1, "b" 2}', '"\u00e9\\q"',
    '\ufeff[1]', '[\n  1,\n  2\n  3]',
]
for d in bad:
    try:
        json.loads(d)
        print(repr(d), 'no error')
    except json.JSONDecodeError as e:
        print(repr(d), '|', e.msg, '|', e.pos, e.lineno, e.colno, '|', e)

# strict=False allows control characters inside strings
print(repr(json.loads('"a\x01\tb\nc"', strict=False)))

scan = json.JSONDecoder().scan_once
for s, i in [('[1,]', 0), ('{"a":}', 0), ('', 0), ('[1]', 3), ('[1]', 9), ('nul', 0), ('-', 0)]:
    try:
        print(scan(s, i))
    except StopIteration as e:
        print(repr(s), i, 'StopIteration', e.value)

def show(f):
    try:
        print(repr(f()))
    except Exception as e:
        print(type(e).__name__, e)

show(lambda: scan('[1]', -1))
show(lambda: scan(b'[1]', 0))
show(lambda: scan('[1]', 1.0))
show(lambda: scan('[1]'))
show(lambda: scan(string='[7]', idx=0))
show(lambda: json.loads('1' * 5000))
show(lambda: json.loads('[' * 50000 + ']' * 50000))
show(lambda: json.loads('{"a":' * 50000 + '1' + '}' * 50000))
show(lambda: json.loads(42))
