# _sha512: the digests random.py seeds with, and the hash objects' API.
import _sha512

for data in [b'', b'abc', b'a' * 111, b'a' * 112, b'a' * 1000, bytes(range(256))]:
    print(len(data), _sha512.sha512(data).hexdigest())
    print(len(data), _sha512.sha384(data).hexdigest())

h = _sha512.sha512()
for chunk in [b'The quick ', bytearray(b'brown fox '), memoryview(b'jumps over the lazy dog')]:
    h.update(chunk)
print(h.hexdigest(), h.digest()[:8])
c = h.copy()
c.update(b'.')
print(c.hexdigest()[:32], h.hexdigest()[:32])
print(h.name, h.digest_size, h.block_size, type(h).__name__, type(h).__module__)
g = _sha512.sha384(string=b'x', usedforsecurity=False)
print(g.name, g.digest_size, g.block_size, type(g).__name__, len(g.digest()))
print(type(g) is _sha512.SHA384Type, sorted(n for n in dir(h) if not n.startswith('_')))


def t(f, *a, **k):
    try:
        r = f(*a, **k)
    except Exception as e:
        print('raised', type(e).__name__, '|', e)
    else:
        print('->', r)


t(_sha512.sha512, 'text')
t(_sha512.sha512, 5)
t(_sha512.sha512, b'x', b'y')
t(_sha512.sha512, data=b'x')
t(h.update, 'text')
t(h.update)
t(h.update, [1])
t(h.update, memoryview(b'abcd')[::2])
t(h.hexdigest, 1)
t(h.digest, 1)
t(h.copy, 1)
t(type(h))
t(setattr, h, 'name', 'x')
