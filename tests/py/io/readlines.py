# readline, readlines and iteration on text, binary and in-memory files.
from _iotmp import TempDir
import io

with TempDir('readlines') as T:
    p = T.path('l.txt')
    with open(p, 'w') as f:
        f.writelines(['first\n', 'second line\n', '\n', 'x' * 50 + '\n', 'no newline'])
    with open(p) as f:
        print([f.readline(3), f.readline(3), f.readline(), f.readline(0), f.readline(-1)])
    try:
        f.readline(None)
    except TypeError as e:
        print('TypeError', e)
    with open(p) as f:
        print(f.readlines(10))
        print(f.readlines(0))
    with open(p) as f:
        print([len(x) for x in f])
    with open(p, 'rb') as f:
        print([f.readline(3), f.readline(), f.readline(100)])
        print(f.readlines())
    with open(p, 'rb') as f:
        print([len(x) for x in f])
    with open(p, 'rb', buffering=0) as f:
        print(f.readline(), f.readline(2), list(f)[:2])
    with open(p, 'rb', buffering=4) as f:
        print([f.readline() for _ in range(3)], f.read(3))
    with open(p) as f:
        it = iter(f)
        print(it is f, next(it), next(it))
        print(f.read(4))
    s = io.StringIO('a\nbb\nccc')
    print(list(s), s.readline(), list(s))
    s.seek(0)
    print(s.readline(1), s.readline(), s.readlines())
    b = io.BytesIO(b'a\nbb\nccc')
    print(list(b), b.readline())
    b.seek(0)
    print(b.readline(1), b.readline(), b.readlines(1), b.readlines())
    class Lines(io.StringIO):
        def readline(self, *a):
            r = super().readline(*a)
            return r.upper()
    print(list(Lines('x\ny\n')))
