# Text and binary round trips through open() in every mode.
from _iotmp import TempDir
import io

with TempDir('roundtrip') as T:
    p = T.path('a.txt')
    with open(p, 'w') as f:
        print(type(f).__name__, type(f.buffer).__name__, type(f.buffer.raw).__name__)
        print(f.mode, f.buffer.mode, f.buffer.raw.mode, f.writable(), f.readable())
        print(f.write('line one\n'), f.write('zwei \u00e9\u4e2d\U0001f600\n'))
    with open(p) as f:
        print(repr(f.read()))
    with open(p, 'a') as f:
        print(f.mode, f.buffer.raw.mode)
        f.write('appended\n')
    with open(p, 'r') as f:
        print(f.readlines())
    with open(p, 'rb') as f:
        data = f.read()
        print(type(f).__name__, len(data), data[:9])
    with open(p, 'r+') as f:
        print(f.mode, f.buffer.raw.mode, type(f.buffer).__name__)
        f.write('LINE')
        f.seek(0)
        print(repr(f.readline()))
    with open(p, 'w+') as f:
        print(f.buffer.raw.mode)
        f.write('fresh')
        f.seek(0)
        print(repr(f.read()))
    with open(p, 'a+') as f:
        print(f.buffer.raw.mode, f.tell())
        f.write('+more')
        f.seek(0)
        print(repr(f.read()))
    q = T.path('b.bin')
    with open(q, 'wb') as f:
        print(type(f).__name__, f.mode)
        print(f.write(bytes(range(256))), f.write(bytearray(b'xyz')), f.write(memoryview(b'!!')))
    with open(q, 'rb') as f:
        d = f.read()
        print(len(d), d[:4], d[-5:])
    with open(q, 'ab') as f:
        f.write(b'tail')
    with open(q, 'r+b') as f:
        print(type(f).__name__, f.mode)
        f.seek(-4, 2)
        print(f.read())
        f.seek(0)
        f.write(b'HEAD')
        f.seek(0)
        print(f.read(6))
    with open(q, 'rb', buffering=0) as f:
        print(type(f).__name__, f.read(3))
    r = T.path('c.txt', fresh=True)
    with open(r, 'x') as f:
        f.write('created')
        print(f.mode, f.buffer.raw.mode)
    try:
        open(r, 'x')
    except FileExistsError as e:
        print('FileExistsError', e.errno, e.strerror, e.filename == r)
    with open(r, 'rb', buffering=0) as f:
        print(f.readall())
    # a file object as iterator and context manager
    f = open(r)
    print(f.closed, next(iter(f)), f.closed)
    f.close()
    print(f.closed)
    f.close()
    print(io.open is open, open.__name__)
