import array
b = bytes(range(12))
m = memoryview(b).cast('B', (3, 4))
print(m.ndim, m.shape, m.strides, m.nbytes, m.suboffsets, m.c_contiguous, m.f_contiguous, m.contiguous)
print(m.tolist(), len(m))
print(m[1, 2], m[-1, -1], m.tobytes(), m.tobytes('F'), m.tobytes('C'))
for key in [1, (1,), (1, 2, 3), (slice(None), slice(None)), 'x', (5, 0), (0, 4)]:
    try: print(key, m[key])
    except Exception as e: print(key, type(e).__name__, e)
s = m[::2]
print(s.shape, s.strides, s.tolist(), s.tobytes(), s.c_contiguous)
try: s.cast('B')
except TypeError as e: print(e)
print(m.cast('B').tolist() == list(b))
try: m.cast('B', (2, 6))
except TypeError as e: print(e)
print(m == memoryview(b).cast('B', (3, 4)), m == b, m == memoryview(b).cast('B', (4, 3)))
print(bytes(m) == b, hash(m) == hash(b))
try: iter(m)
except NotImplementedError as e: print(e)
z = memoryview(b'x').cast('B', ())
print(z.ndim, z.shape, z.strides, z[()], z[...] is z, z.tolist(), z.tobytes())
try: len(z)
except TypeError as e: print(e)
try: z[0]
except TypeError as e: print(e)
ba = bytearray(24)
w = memoryview(ba).cast('i', [2, 3])
w[1, 2] = 7; w[0, 0] = -1
print(ba, w.tolist(), w.strides)
try: w[0] = 1
except NotImplementedError as e: print(e)
try: w[0:1] = b''
except NotImplementedError as e: print(e)
for bad in [[0, 3], [2, 'x'], [-1]]:
    try: memoryview(ba).cast('B', bad)
    except (TypeError, ValueError) as e: print(type(e).__name__, e)
try: memoryview(b).cast('B', (2,)*65)
except ValueError as e: print(e)
d = memoryview(b).cast('B', [2, 3, 2])
print(d.tolist(), d.tobytes('F'), d[1, 2, 1], d.strides)
# comparisons with arrays are by value; bytes refuse ordering with views
import array
x = memoryview(array.array('i', [1, 2]))
print(x == array.array('i', [1, 2]), x == array.array('i', [1, 3]), x == array.array('b', [1, 2]))
for f in (lambda: x < b'ab', lambda: b'ab' <= memoryview(b'ab')):
    try: print(f())
    except TypeError as e: print('TypeError', e)
print(b'ab' == memoryview(b'ab'), bytearray(b'ab') < memoryview(b'ac'))
# a view released by an __index__ it calls
class Rel:
    def __index__(self):
        mv.release()
        return 1
mv = memoryview(bytearray(4))
try: mv[Rel()]
except ValueError as e: print('ValueError', e)
mv = memoryview(bytearray(4))
try: mv[Rel()] = 3
except ValueError as e: print('ValueError', e)
import weakref
v = memoryview(b'q')
print(weakref.ref(v)() is v)
# a slice whose bounds release the view is still a live view
class Stop:
    def __index__(self):
        mv.release()
        return 2
mv = memoryview(bytearray(b'wxyz'))
print(list(mv[:Stop()]))
# items are packed from __index__ / __float__ objects, as CPython
class I:
    def __index__(self): return 7
class F:
    def __float__(self): return 2.5
w = memoryview(bytearray(16)).cast('q')
w[0] = I()
f = memoryview(bytearray(16)).cast('d')
f[0] = F(); f[1] = I()
print(w[0], f.tolist())
for bad in ('x', 1.5):
    try: w[1] = bad
    except TypeError as e: print('TypeError', e)
