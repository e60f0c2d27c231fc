# Python subclasses of the io base classes are closed when dropped open:
# a GzipFile never closed still writes its trailer, at exit (a child
# interpreter) and when a collection finds it unreachable; a class's own
# __del__ and close() run once, in CPython's order.
import bz2
import gc
import gzip
import io
import lzma
import subprocess
import sys
import tempfile

CHILD = r'''
import bz2, gzip, lzma, sys
d = sys.argv[1]
g = gzip.open(d + '/global.gz', 'wb')
g.write(b'global ' * 20000)
def f():
    h = bz2.open(d + '/local.bz2', 'wb')
    h.write(b'local ' * 9000)
f()
lzma.open(d + '/temp.xz', 'wt', encoding='utf-8').write('temp\n' * 7000)
'''

with tempfile.TemporaryDirectory() as d:
    subprocess.run([sys.executable, '-c', CHILD, d], check=True)
    print('global', len(gzip.open(d + '/global.gz').read()))
    print('local', len(bz2.open(d + '/local.bz2').read()))
    print('temp', len(lzma.open(d + '/temp.xz', 'rt', encoding='utf-8').read()))

    def write_gz(name, n):
        f = gzip.open(d + '/' + name, 'wb')
        f.write(bytes(range(256)) * n)
    write_gz('collected.gz', 300)
    gc.collect()
    print('collected', len(gzip.open(d + '/collected.gz').read()))
    for i in range(50):
        write_gz('loop%d.gz' % i, i)
    gc.collect()
    print('loop', sum(len(gzip.open(d + '/loop%d.gz' % i).read()) for i in range(50)))


class Sink(io.RawIOBase):
    def __init__(self, name):
        self.name = name

    def writable(self):
        return True

    def write(self, b):
        return len(b)

    def close(self):
        print('close', self.name, self.closed)
        super().close()


s = Sink('dropped')
del s
gc.collect()
print('after dropped')

s = Sink('closed first')
s.close()
del s
gc.collect()
print('after closed first')


class OwnDel(io.BufferedIOBase):
    def __del__(self):
        print('own __del__')
        super().__del__()

    def close(self):
        print('own close')
        super().close()


o = OwnDel()
del o
gc.collect()
print('after own')


class BadClose(io.TextIOBase):
    def close(self):
        raise OSError('cannot close')


b = BadClose()
del b
gc.collect()
print('a failing close is not reported')


class Resurrect(io.IOBase):
    saved = []

    def close(self):
        print('close resurrect', len(Resurrect.saved))
        Resurrect.saved.append(self)
        super().close()


r = Resurrect()
del r
gc.collect()
print('saved', len(Resurrect.saved), Resurrect.saved[0].closed)
Resurrect.saved.clear()
gc.collect()
print('finalized once')
print(isinstance(gzip.GzipFile, type), issubclass(gzip.GzipFile, io.BufferedIOBase))
