# Wrong argument counts and odd arguments for the methods of memoryview,
# bool, object, slice, property, staticmethod/classmethod, super,
# generators and the singletons: CPython's exception types and messages.


def gen():
    yield 1


class C:
    def m(self):
        return 1


def f(*a):
    return a


def receivers():
    return {
        'memoryview': memoryview(b'abcd'),
        'memoryview_rw': memoryview(bytearray(b'abcd')),
        'bool': True,
        'object': object(),
        'slice': slice(1, 5, 2),
        'property': property(lambda s: 1),
        'staticmethod': staticmethod(f),
        'classmethod': classmethod(f),
        'super': super(C, C()),
        'generator': gen(),
        'None': None,
        'NotImplemented': NotImplemented,
        'Ellipsis': ...,
    }


METHODS = {
    'memoryview': ['release', 'tolist', 'toreadonly', '__enter__', 'tobytes', 'cast',
                   '__len__', '__getitem__', '__setitem__', '__delitem__', '__hash__', '__eq__',
                   '__sizeof__', '__format__', '__dir__'],
    'memoryview_rw': ['__delitem__', '__hash__', 'release', '__setitem__'],
    'bool': ['bit_length', 'bit_count', 'as_integer_ratio', 'conjugate', '__trunc__', '__floor__',
             '__ceil__', '__round__', '__getnewargs__', '__sizeof__', '__format__', 'to_bytes',
             'from_bytes', '__pow__', '__dir__'],
    'object': ['__dir__', '__sizeof__', '__format__', '__init__', '__eq__', '__hash__',
               '__repr__'],
    'slice': ['indices', '__dir__', '__format__', '__sizeof__'],
    'property': ['getter', 'setter', 'deleter', '__get__', '__set__', '__delete__',
                 '__set_name__', '__format__', '__reduce_ex__'],
    'staticmethod': ['__get__', '__init__', '__format__', '__reduce_ex__'],
    'classmethod': ['__get__', '__init__', '__format__'],
    'super': ['__init__', '__format__', '__dir__', '__sizeof__'],
    'generator': ['close', 'send', 'throw', '__format__', '__init__', '__reduce_ex__'],
    'None': ['__repr__', '__bool__', '__hash__', '__eq__', '__format__', '__sizeof__',
             '__dir__', '__init__', '__str__'],
    'NotImplemented': ['__repr__', '__reduce__', '__reduce_ex__', '__format__'],
    'Ellipsis': ['__repr__', '__reduce__', '__reduce_ex__', '__sizeof__'],
}

ARGSETS = [(), (5,), (None,), ('ab',), (10**30,), (-3,), (5, 5), ('ab', None), (5, 5, 5, 5)]
# (CPython 3.11 mishandles property.getter(None): no None for property.)
PROPERTY_ARGS = [(), (5,), ('ab',), (-3,), (5, 5), ('ab', 5), (5, 5, 5, 5)]


def show(name, r):
    if name in ('__hash__', '__sizeof__', '__repr__', '__dir__', '__reduce_ex__'):
        return type(r).__name__
    if isinstance(r, (int, str, bytes, tuple, bool, type(None))) and not isinstance(r, type):
        return repr(r)[:40]
    return type(r).__name__


for rname, names in METHODS.items():
    for name in names:
        for args in PROPERTY_ARGS if rname == 'property' else ARGSETS:
            o = receivers()[rname]
            try:
                out = '-> ' + show(name, getattr(o, name)(*args))
            except Exception as e:
                out = '! %s: %s' % (type(e).__name__, e)
            print(rname, name, args, out)

# keyword arguments where none are taken
for call in [lambda: memoryview(b'a').release(x=1), lambda: (5).bit_length(x=1),
             lambda: (5).__format__('', x=1), lambda: slice(1).indices(n=1),
             lambda: staticmethod(f=1), lambda: float(x=5)]:
    try:
        print(call())
    except TypeError as e:
        print('TypeError:', e)

# unbound calls without a receiver
for call in [lambda: object.__eq__(), lambda: object.__dir__(), lambda: memoryview.release(),
             lambda: int.bit_length(), lambda: object.__format__(), lambda: slice.indices()]:
    try:
        print(call())
    except TypeError as e:
        print('TypeError:', e)

# descriptor receiver type checks
for call in [lambda: memoryview.release(5), lambda: int.bit_length('x'),
             lambda: slice.indices(5, 1)]:
    try:
        print(call())
    except TypeError as e:
        print('TypeError:', e)
