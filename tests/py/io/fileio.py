# FileIO: modes, descriptors, opener, readall/readinto.
from _iotmp import TempDir
import io

def show(fn):
    try:
        print('ok', repr(fn()))
    except Exception as e:
        print(type(e).__name__, e)

with TempDir('fileio') as T:
    p = T.path('f.bin')
    f = io.FileIO(p, 'w')
    print(f.mode, f.closefd, f.readable(), f.writable(), f.seekable(), f.isatty(), f.name == p)
    print(f.write(b'0123456789'), f.tell())
    show(f.read)
    f.close()
    print(f.closed, repr(f))
    f.close()
    f = io.FileIO(p)
    print(f.read(3), f.readall(), f.read(), f.read(5))
    f.seek(0)
    ba = bytearray(4)
    print(f.readinto(ba), ba, f.tell())
    show(lambda: f.readinto(b'imm'))
    fd = f.fileno()
    g = io.FileIO(fd, 'r', closefd=False)
    print(g.name == fd, g.closefd, g.mode, repr(g).startswith('<_io.FileIO fd='))
    g.seek(0)
    print(g.read(2))
    g.close()
    print(f.closed, f.read(2))
    f.close()
    seen = []
    def opener(path, flags):
        seen.append(path == p)
        return io.FileIO(path, 'r', closefd=False).fileno() if False else _open(path)
    def _open(path):
        h = io.FileIO(path, 'r')
        fds.append(h)
        return h.fileno()
    fds = []
    with open(p, 'rb', opener=lambda path, flags: _open(path)) as h:
        print(h.read())
    show(lambda: open(p, opener=lambda path, flags: -1))
    show(lambda: open(p, opener=lambda path, flags: 'x'))
    for m in ['a', 'a+', 'r+', 'w+', 'ab', 'rb+']:
        with io.FileIO(p, m) as h:
            print(m, h.mode, h.readable(), h.writable())
    show(lambda: io.FileIO(p, 'rt'))
    show(lambda: io.FileIO(p, 'r', opener=5))
    show(lambda: io.FileIO(3.0))
    show(lambda: io.FileIO(b'/nonexistent/dir/file'))
    with io.FileIO(p, 'a') as h:
        print(h.tell(), h.write(b'!'), h.tell())
    with io.FileIO(p, 'r+') as h:
        print(h.truncate(3), h.read(), h.seek(0), h.read())
        show(lambda: h.seek(1.5))
        show(lambda: h.seek(0, 9))
    show(lambda: io.FileIO(p).__reduce_ex__(2))
