# seek/tell on text and binary files, with multi-byte text and \r\n.
from _iotmp import TempDir
import io

def show(fn):
    try:
        print('ok', repr(fn()))
    except Exception as e:
        print(type(e).__name__, e)

with TempDir('seektell') as T:
    p = T.path('s.txt')
    content = 'ab\u00e9\r\n\u4e2dx\ny\rz\U0001f600\n' * 3
    with open(p, 'w', newline='') as f:
        f.write(content)
    for nl in [None, '']:
        for size in [1, 2, 5, 8192]:
            with open(p, newline=nl) as f:
                f._CHUNK_SIZE = size
                marks = []
                while True:
                    pos = f.tell()
                    c = f.read(1)
                    if not c:
                        break
                    marks.append((pos, c))
                end = f.tell()
                ok = True
                for pos, c in marks:
                    f.seek(pos)
                    if f.read(1) != c:
                        ok = False
                print(repr(nl), size, len(marks), ok, end, marks[3][0] < 2**64, [m[0] < 2**64 for m in marks].count(False) > 0)
    with open(p) as f:
        print(f.tell(), repr(f.readline()), f.tell(), repr(f.readline()), f.tell())
        pos = f.tell()
        rest = f.read()
        f.seek(pos)
        print(f.read() == rest)
        print(f.seek(0, 2), repr(f.read()))
        print(f.seek(0), repr(f.read(3)))
        show(lambda: f.seek(1, 1))
        show(lambda: f.seek(-1, 2))
        show(lambda: f.seek(0, 5))
        show(lambda: f.seek(-1))
        show(lambda: f.seek(1.0))
        print(f.seek(0, 1) == f.tell())
    # tell is disabled while iterating
    with open(p) as f:
        next(f)
        show(f.tell)
        for _ in f:
            pass
        show(f.tell)
    # binary
    b = T.path('b.bin')
    with open(b, 'w+b') as f:
        f.write(b'0123456789')
        print(f.tell(), f.seek(2), f.read(3), f.tell())
        print(f.seek(-2, 2), f.read(), f.seek(-3, 1), f.read(1))
        print(f.seek(20), f.read(), f.tell())
        f.write(b'X')
        f.seek(0)
        print(f.read())
        print(f.truncate(4), f.tell())
        f.seek(0)
        print(f.read())
        show(lambda: f.seek(0, 3))
        show(lambda: f.seek(1.5))
        show(lambda: f.seek(-1))
    with open(b, 'r+b') as f:
        print(f.read(2), f.tell())
        f.write(b'ab')
        print(f.tell(), f.read(), f.tell())
        f.seek(1)
        f.write(b'_')
        print(f.peek(1)[:1], f.read(1))
        f.flush()
        f.seek(0)
        print(f.read())
    with io.FileIO(b, 'r+') as r:
        print(r.seek(0, 2), r.tell(), r.truncate(2), r.seek(0), r.read())
    with open(b, 'w') as f:
        f.write('hello')
        print(f.tell())
        f.truncate(2)
    with open(b) as f:
        print(repr(f.read()))
