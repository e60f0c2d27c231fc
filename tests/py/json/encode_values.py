# json.dumps through the native encoder: values, separators, ensure_ascii,
# sort_keys, skipkeys, allow_nan, default, and subclasses of the builtin types.
import json
from collections import OrderedDict

values = [
    None, True, False, 0, -5, 2 ** 70, -(2 ** 80), 1.5, -0.0, 1e300, 1e-7, 0.1 + 0.2,
    float('inf'), float('-inf'), float('nan'), '', 'text', 'caf\u00e9 \u4e2d \U0001f600',
    'ctl \x00\x1f\n"\\', [], (), {}, [1, [2, [3]]], (1, (2,)),
    {'a': 1, 'b': [1, 2], 'c': {'d': None}},
    {1: 'int', 2.5: 'float', True: 'bool', None: 'none', 'é': 'str'},
    {False: 0, 10 ** 20: 1, -1.5: 2, float('inf'): 3},
]
for v in values:
    print(json.dumps(v), json.dumps(v, ensure_ascii=False))
    print(json.dumps([v, v], separators=(',', ':')))

print(json.dumps({'b': 1, 'a': 2, 'c': {'z': 1, 'y': 2}}, sort_keys=True))
print(json.dumps({'b': 1, 'a': 2}, sort_keys=True, separators=(';', '=')))
print(json.dumps({1j: 1, 'a': 2, (1,): 3, 'b': 4}, skipkeys=True))
print(json.dumps({'a': 2, 1j: 1}, skipkeys=True))
print(json.dumps(OrderedDict([('z', 1), ('a', 2)])))

class MyInt(int):
    def __repr__(self):
        return 'MyInt!'

class MyFloat(float):
    def __repr__(self):
        return 'MyFloat!'

class MyStr(str):
    pass

class MyList(list):
    pass

class MyDict(dict):
    pass

class ItemsDict(dict):
    def items(self):
        return [('from_items', 1)]

print(json.dumps([MyInt(3), MyFloat(2.5), MyStr('s'), MyList([1, 2]), MyDict(k=MyInt(4))]))
print(json.dumps({MyInt(5): 1, MyFloat(0.5): 2, MyStr('k'): 3}))
print(json.dumps(ItemsDict(a=1)))
print(json.dumps(ItemsDict(a=1), sort_keys=True))

def default(o):
    if isinstance(o, set):
        return sorted(o)
    if isinstance(o, complex):
        return {'re': o.real, 'im': o.imag}
    raise TypeError('no ' + type(o).__name__)

print(json.dumps({'s': {3, 1, 2}, 'c': 1 + 2j, 'nested': [{5, 4}]}, default=default))
print(json.dumps(frozenset([1]), default=list))

class Enc(json.JSONEncoder):
    def default(self, o):
        return repr(o)

print(Enc().encode([object.__new__(type('T', (), {'__repr__': lambda s: 'T()'}))]))
print(json.dumps('just a string'), json.dumps('\u00e9', ensure_ascii=False))
print(json.dumps([1, {'a': [2]}], indent=2))
print(json.dumps({'a': [1, 2]}, indent='\t', sort_keys=True))
print(list(json.JSONEncoder().iterencode({'a': [1, 2]})))
print(list(json.JSONEncoder().iterencode({'a': [1, 2]}, _one_shot=True)))
