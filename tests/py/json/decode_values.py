# Decoding JSON documents of every kind through json.loads and the _json scanner.
import json

docs = [
    '0', '-0', '-0.0', '12', '-7', '3.25', '1e3', '1E-2', '2.5e+4',
    '123456789012345678901234567890', '-98765432109876543210',
    '1e400', '-1e400', '0.1', '1.7976931348623157e308',
    'true', 'false', 'null', 'NaN', 'Infinity', '-Infinity',
    '"plain"', '"esc \\" \\\\ \\/ \\b \\f \\n \\r \\t"', '"\\u0041\\u00e9\\u4e2d"',
    '"\\ud83d\\ude00"', '"\\ud83d"', '"\\ud83dx"', '"\\ude00\\ud83d"', '"\\ud83d\\u0041"',
    '"caf\u00e9 \u4e2d\u6587 \U0001f600"',
    '[]', '[ ]', '[1, 2, 3]', '[[[]]]', '[1,[2,[3,[4]]]]',
    '{}', '{ }', '{"a": 1}', '{"a": {"b": {"c": [true, false, null]}}}',
    ' \t\n\r[1 ,\n 2 ] \n', '{"dup": 1, "dup": 2}', '{"\u00e9": "\u00e8", "k": ["\u4e2d", 1.5]}',
]
for d in docs:
    v = json.loads(d)
    print(repr(d), '->', type(v).__name__, repr(v))

# memo: equal keys decode to one str object
x = json.loads('[{"key": 1}, {"key": 2}, {"other": 3}]')
print(list(x[0])[0] is list(x[1])[0])

# the scanner used directly: (value, end index in characters)
dec = json.JSONDecoder()
scan = dec.scan_once
for s, i in [('[1,2] tail', 0), ('xx"\u00e9\u00e8" 1', 2), ('\u00e9\u00e9 [1, "\u4e2d"]  ', 3),
             ('12abc', 0), ('1.5e', 0), ('1.5e+', 0), ('0123', 0), ('-Infinity!', 0)]:
    print(repr(s), i, repr(scan(s, i)))

# raw_decode and decode with surrounding whitespace
print(dec.raw_decode('{"a": [1, 2]} rest'))
print(dec.decode('  [1, {"\u00e9": null}]  '))
print(json.loads(b'[1, "bytes"]'))
print(json.loads(bytearray(b'{"x": 2}')))
