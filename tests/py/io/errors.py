# Error cases of open() and the file objects.
from _iotmp import TempDir
import io

def show(fn):
    try:
        r = fn()
        print('ok', r)
    except Exception as e:
        print(type(e).__name__, e)

with TempDir('errors') as T:
    p = T.path('f.txt')
    with open(p, 'w') as f:
        f.write('data\n')
    for mode in ['rw', 'rr', 'z', 'rbt', 'wa', '+', 'b', 't', '', 'r++', 'U', 'rU', 'xr']:
        show(lambda: open(p, mode))
    show(lambda: open(p, 'rb', encoding='utf-8'))
    show(lambda: open(p, 'rb', errors='strict'))
    show(lambda: open(p, 'rb', newline='\n'))
    show(lambda: open(p, 'r', newline='x'))
    show(lambda: open(p, 'r', buffering=0))
    show(lambda: open(p, 3))
    show(lambda: open(p, 'r', encoding=5))
    show(lambda: open(3.5))
    show(lambda: open([]))
    show(lambda: open(p, 'r', encoding='no-such-codec'))
    try:
        open(T.path('missing.txt'))
    except FileNotFoundError as e:
        print('FileNotFoundError', e.errno, e.strerror, e.filename == T.path('missing.txt'), isinstance(e, OSError))
    try:
        open('/tmp')
    except IsADirectoryError as e:
        print('IsADirectoryError', e.errno, e.strerror, e.filename)
    try:
        open('/tmp', 'w')
    except IsADirectoryError as e:
        print('IsADirectoryError', e.errno, e.filename)
    show(lambda: io.FileIO(-1))
    show(lambda: io.FileIO(p, 'rw'))
    show(lambda: io.FileIO(p, 'q'))
    show(lambda: io.FileIO(p, closefd=False))
    show(lambda: open('bad\0name'))
    # closed files
    f = open(p)
    f.close()
    for op in [f.read, f.readline, lambda: f.write('x'), f.tell, lambda: f.seek(0), f.flush, lambda: next(f), lambda: f.__enter__()]:
        show(op)
    g = open(p, 'rb')
    g.close()
    for op in [g.read, lambda: g.read1(1), lambda: g.peek(1), g.readline, g.tell, lambda: g.seek(0), g.flush]:
        show(op)
    r = io.FileIO(p)
    r.close()
    for op in [r.read, r.tell, r.fileno, r.readable, lambda: r.write(b'x')]:
        show(op)
    # wrong direction
    with open(p) as f:
        show(lambda: f.write('x'))
        show(lambda: f.truncate())
    with open(p, 'w') as f:
        show(f.read)
        show(f.readline)
        show(lambda: f.write(b'bytes'))
        show(lambda: f.write(5))
    with open(p, 'wb') as f:
        show(lambda: f.write('text'))
        show(f.read)
        show(lambda: f.raw.read(1))
    with open(p, 'rb') as f:
        show(lambda: f.write(b'x'))
        show(lambda: f.raw.write(b'x'))
        show(lambda: f.read(-2))
    print(issubclass(io.UnsupportedOperation, OSError), issubclass(io.UnsupportedOperation, ValueError))
