# Decoder hooks: object_hook, object_pairs_hook, parse_float, parse_int,
# parse_constant, and errors raised inside them; the scanner's attributes.
import json
import _json
from collections import OrderedDict
from decimal import Decimal

doc = '{"b": 1, "a": [1.5, 2, {"c": NaN}], "d": {"e": -Infinity}}'
print(json.loads(doc, object_hook=lambda d: ('H', sorted(d))))
print(json.loads(doc, object_pairs_hook=list))
print(json.loads(doc, object_pairs_hook=OrderedDict))
print(json.loads(doc, object_hook=dict, object_pairs_hook=tuple))
print(json.loads(doc, parse_float=Decimal, parse_int=lambda s: 'int:' + s))
print(json.loads(doc, parse_constant=lambda s: 'const:' + s))
print(json.loads('[1.0, 2, 3e2]', parse_float=str, parse_int=str))

class Boom(Exception):
    pass

def boom(x):
    raise Boom('hook saw ' + repr(x))

for kw in ['object_hook', 'object_pairs_hook', 'parse_float', 'parse_int', 'parse_constant']:
    try:
        json.loads(doc, **{kw: boom})
    except Boom as e:
        print(kw, 'Boom', e)

# a hook that allocates a lot (2000 small lists a call, so that collections run
# while the scanner holds its unfinished containers) and drops what it is given;
# it keeps at most two batches of 200 alive, as a collection at every safepoint
# (the GC-stress build) costs in proportion to what is alive. 1,000 objects: the
# release build runs about 460 local collections during this one scan; 3,000
# took the GC-stress build 470 s of its 600 s limit, past it on a loaded machine
def churn(d):
    n = 0
    for _ in range(10):
        junk = [[i] * 10 for i in range(200)]
        n += len(junk)
    return n + len(d)

big = '[' + ','.join('{"k%d": [%d, "v"], "same": {"x": 1}}' % (i % 7, i) for i in range(1000)) + ']'
r = json.loads(big, object_hook=churn)
print(len(r), r[:5], sum(r))

dec = json.JSONDecoder(strict=False, parse_float=float, parse_int=int)
s = _json.make_scanner(dec)
print(type(s).__name__, type(s).__module__, s.strict, s.object_hook, s.object_pairs_hook,
      s.parse_float, s.parse_int, s.parse_constant is dec.parse_constant)
try:
    s.strict = True
except AttributeError as e:
    print('AttributeError', e)

class Ctx:
    strict = 0
    object_hook = None
    object_pairs_hook = None
    parse_float = float
    parse_int = int
    parse_constant = str

s2 = _json.make_scanner(Ctx())
print(s2.strict, s2('["a\tb", NaN]', 0))

class Missing:
    strict = True

for ctx in [Missing(), 1]:
    try:
        _json.make_scanner(ctx)
    except AttributeError as e:
        print('AttributeError', e)
try:
    _json.make_scanner()
except TypeError as e:
    print('TypeError', e)
try:
    type('Sub', (_json.make_scanner,), {})
except TypeError as e:
    print('TypeError', e)
