# CPython's exceptions for bad typecodes, out-of-range values and wrong item types.
import array

def show(f, *args):
    try:
        r = f(*args)
        print('ok', r)
    except Exception as e:
        print(type(e).__name__, e)

for tc, v in [('b', 128), ('b', -129), ('B', -1), ('B', 256), ('h', 2**15), ('H', -1),
              ('H', 2**16), ('i', 2**31), ('i', -2**31 - 1), ('I', -1), ('I', 2**32),
              ('l', 2**63), ('L', -1), ('L', 2**64), ('q', -2**63 - 1), ('Q', -1),
              ('Q', 2**64), ('i', 1.5), ('i', 'x'), ('d', 'x'), ('f', None),
              ('u', 1), ('u', 'ab'), ('b', True)]:
    show(array.array, tc, [v])
show(array.array, 'x')
show(array.array, 'ab')
show(array.array, 1)
show(array.array)
show(array.array, 'i', 'abc')
show(array.array, 'i', b'abc')
show(array.array, 'i', None)
show(array.array, 'i', [], [])
a = array.array('i', [1, 2, 3])
show(lambda: a[5])
show(lambda: a[-4])
show(lambda: a['x'])
show(a.pop, 7)
show(array.array('i').pop)
show(a.remove, 9)
show(a.index, 9)
show(lambda: a + [1])
show(lambda: a + array.array('b'))
show(a.__setitem__, slice(0, 1), [1])
show(a.__setitem__, 0, 'x')
show(a.__setitem__, 9, 1)
show(a.__setitem__, 0, 2**40)
show(a.__delitem__, 9)
show(a.fromunicode, 'x')
show(a.tounicode)
show(a.frombytes, b'abc')
show(a.frombytes, 'abc')
show(a.extend, array.array('b'))
show(lambda: a * 'x')
show(a.__setitem__, slice(0, 3, 2), array.array('i', [1]))
show(a.fromlist, (1,))
show(a.fromlist, [1, 'x'])
show(lambda: a < 'x')
show(hash, a)
print(a)
