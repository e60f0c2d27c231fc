# Encoder failures: circular references, bad keys, non-finite floats with
# allow_nan=False, default raising, a non-str from a custom string encoder,
# bad make_encoder/encoder arguments, and deep nesting.
import json
import _json

def show(f):
    try:
        print(repr(f()))
    except Exception as e:
        print(type(e).__name__, e)

d = {}
d['self'] = d
show(lambda: json.dumps(d))
l = []
l.append([l])
show(lambda: json.dumps(l))
show(lambda: json.dumps(l, check_circular=False) if False else 'skipped')

class Node:
    pass

n = Node()
show(lambda: json.dumps(n, default=lambda o: [o]))
show(lambda: json.dumps({(1, 2): 3}))
show(lambda: json.dumps({b'k': 3}))
show(lambda: json.dumps([float('nan')], allow_nan=False))
show(lambda: json.dumps({float('inf'): 1}, allow_nan=False))
show(lambda: json.dumps(object()))
show(lambda: json.dumps({'a': 1, 2: 'b'}, sort_keys=True))
show(lambda: json.dumps([1, {2, 3}]))
show(lambda: json.dumps(2 ** 20000))

def bad_default(o):
    raise ValueError('refused ' + type(o).__name__)

show(lambda: json.dumps([1, object()], default=bad_default))

deep = []
cur = deep
for _ in range(50000):
    nxt = []
    cur.append(nxt)
    cur = nxt
show(lambda: len(json.dumps(deep)))

E = _json.make_encoder
enc = E(None, str, lambda s: 5, None, ':', ',', False, False, True)
show(lambda: enc(['a'], 0))
show(lambda: enc({'k': 1}, 0))
show(lambda: enc([True, None], 0))
enc2 = E(None, str, lambda s: '<' + s + '>', None, ': ', ', ', True, False, True)
show(lambda: enc2({'b': 'x', 'a': 1.5, 3: None, False: 2}, 0))
show(lambda: E(1, None, None, None, ':', ',', False, False, True))
show(lambda: E({}, None, None, None, b':', ',', False, False, True))
show(lambda: E({}, None, None, None, ':', 2, False, False, True))
show(lambda: E({}, None, None, None, ':', ',', False, False))
show(lambda: E())
enc3 = E({}, repr, _json.encode_basestring_ascii, '  ', ':', ',', True, True, False)
print(enc3.markers, enc3.default, enc3.encoder is _json.encode_basestring_ascii, enc3.indent,
      enc3.key_separator, enc3.item_separator, enc3.sort_keys, enc3.skipkeys)
show(lambda: enc3.allow_nan)
show(lambda: enc3([1, {'b': 1, 'a': [2]}, {1j: 2}], 0))
show(lambda: enc3(1))
show(lambda: enc3([1], 'x'))
show(lambda: enc3(obj=[2], _current_indent_level=3))
show(lambda: enc3([float('nan')], 0))
show(lambda: type(enc3([1], 0)).__name__)

class BadItems(dict):
    def items(self):
        return [(1, 2, 3)]

show(lambda: json.dumps(BadItems(a=1)))
print(type(enc3).__name__, type(enc3).__module__, _json.make_encoder.__doc__)
show(lambda: type('Sub', (_json.make_encoder,), {}))
show(lambda: _json.make_encoder.__call__(1, 2, 3))
