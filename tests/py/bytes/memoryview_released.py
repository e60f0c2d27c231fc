# What a released memoryview still answers, and what raises ValueError.


def attempt(label, f):
    try:
        r = f()
        if isinstance(r, str) and r.startswith('<'):
            r = r.split(' at ')[0] + '>'
        print(label, '->', r)
    except Exception as e:
        print(label, '!', type(e).__name__, e)


m = memoryview(b'abcd')
m.release()
for a in ['obj', 'nbytes', 'readonly', 'itemsize', 'format', 'ndim', 'shape',
          'strides', 'c_contiguous', 'f_contiguous', 'suboffsets', 'contiguous',
          'released']:
    attempt(a, lambda: getattr(m, a))
for a in ['release', 'tobytes', 'tolist', 'hex', 'cast', 'toreadonly', '__enter__', '__exit__']:
    attempt(a, lambda: callable(getattr(m, a)))

ops = {
    'repr': lambda: repr(m), 'str': lambda: str(m), 'len': lambda: len(m),
    'getitem': lambda: m[0], 'slice': lambda: m[0:1], 'eq_self': lambda: m == m,
    'eq_other': lambda: m == b'abcd', 'ne': lambda: m != b'x', 'hash': lambda: hash(m),
    'tobytes': lambda: m.tobytes(), 'tolist': lambda: m.tolist(), 'hex': lambda: m.hex(),
    'hex_sep': lambda: m.hex(':'), 'cast': lambda: m.cast('B'), 'iter': lambda: list(m),
    'release_again': lambda: m.release(), 'enter': lambda: m.__enter__(),
    'exit': lambda: m.__exit__(None, None, None), 'toreadonly': lambda: m.toreadonly(),
    'setitem': lambda: m.__setitem__(0, 1), 'delitem': lambda: m.__delitem__(0),
    'contains': lambda: 97 in m, 'bool': lambda: bool(m), 'memoryview_of': lambda: memoryview(m),
    'lt': lambda: m < m, 'reversed': lambda: list(reversed(m)),
    'eq_live_view': lambda: m == memoryview(b'abcd'), 'dir': lambda: 'release' in dir(m),
}
for k, f in ops.items():
    attempt(k, f)

# consumers of the buffer protocol
tests = {
    'bytes': lambda: bytes(m), 'bytearray': lambda: bytearray(m), 'add': lambda: b'x' + m,
    'radd': lambda: bytearray(b'x') + m, 'join': lambda: b','.join([m]),
    'startswith': lambda: b'abc'.startswith(m), 'startswith_tuple': lambda: b'abc'.endswith((b'c', m)),
    'find': lambda: b'abc'.find(m), 'in': lambda: m in b'abc',
    'from_bytes': lambda: int.from_bytes(m, 'big'), 'str': lambda: str(m, 'ascii'),
    'replace': lambda: b'ab'.replace(m, b'z'), 'split': lambda: b'a b'.split(m),
    'count': lambda: b'aab'.count(m), 'ba_setitem': lambda: bytearray(b'abc').__setitem__(slice(0, 2), m),
    'eq_bytes': lambda: b'ab' == m, 'float': lambda: float(m), 'int': lambda: int(m),
    'strip': lambda: b'aba'.strip(m), 'partition': lambda: b'aba'.partition(m),
    'translate': lambda: b'ab'.translate(None, m), 'maketrans': lambda: bytes.maketrans(m, m),
    'percent_s': lambda: b'%s' % m, 'percent_b': lambda: b'[%b]' % (m,), 'fromhex': lambda: bytes.fromhex(m),
}
for k, f in tests.items():
    attempt(k, f)

# the hash is cached: still answered after release
h = memoryview(b'ab')
print(hash(h) == hash(b'ab'))
h.release()
print(hash(h) == hash(b'ab'))
h2 = memoryview(b'xy')
h2.release()
attempt('hash_uncached', lambda: hash(h2))
attempt('hash_writable', lambda: hash(memoryview(bytearray(b'ab'))))
attempt('hash_format', lambda: hash(memoryview(b'abcdefgh').cast('i')))
attempt('hash_format_c', lambda: hash(memoryview(b'ab').cast('c')) == hash(b'ab'))
attempt('hash_format_b', lambda: hash(memoryview(b'ab').cast('b')) == hash(b'ab'))
hv = memoryview(b'hello')
print(hash(hv) == hash(hv[:]), hash(hv[1:3]) == hash(b'el'), hash(hv[::2]) == hash(b'hlo'))

m1 = memoryview(b'ab')
m2 = memoryview(b'ab')
m2.release()
print(m1 == m2, m2 == m1, m2 != m1, m2 == m2)
with memoryview(bytearray(b'xy')) as w:
    print(w[0], w.tobytes())
attempt('after_with', lambda: w[0])
attempt('after_with_repr', lambda: repr(w))
sub = memoryview(b'abcdef')[1:4]
base = memoryview(b'abcdef')
base.release()
print(sub.tobytes(), bytes(sub))
