# The default methods of the io ABCs, used by Python subclasses.
import sys
sys.path.append('/usr/lib/python3.11')
import io

def show(fn):
    try:
        print('ok', repr(fn()))
    except Exception as e:
        print(type(e).__name__, e)

class Raw(io.RawIOBase):
    def __init__(self, data):
        self.data = bytearray(data)
        self.out = bytearray()
    def readable(self):
        return True
    def writable(self):
        return True
    def readinto(self, b):
        n = min(len(b), len(self.data))
        b[:n] = self.data[:n]
        del self.data[:n]
        return n
    def write(self, b):
        self.out += b
        return len(b)

r = Raw(b'one\ntwo\nthree')
print(r.read(2), r.readline(), r.read(), r.read(), r.readall())
r = Raw(b'a\nb\nc')
print(list(r), r.closed)
r = Raw(b'a\nbb\nccc\n')
print(r.readlines(2), r.readlines())
r.writelines([b'x', b'yz'])
print(bytes(r.out))
with Raw(b'') as cm:
    print(cm.closed)
print(cm.closed)
show(lambda: cm.read())
show(lambda: iter(cm))
show(lambda: cm.__enter__())
show(cm.flush)
show(cm.close)
base = io.IOBase()
show(base.fileno)
show(lambda: base.seek(0))
show(base.tell)
show(base.truncate)
print(base.seekable(), base.readable(), base.writable(), base.isatty(), base.closed)
show(base._checkReadable)
show(base._checkWritable)
show(base._checkSeekable)
base.close()
show(base._checkClosed)
show(base.isatty)
print(io.RawIOBase().read.__name__)
show(lambda: io.RawIOBase().read(2))
show(lambda: io.RawIOBase().write(b'x'))
show(lambda: io.BufferedIOBase().read())
show(lambda: io.BufferedIOBase().read1())
show(lambda: io.BufferedIOBase().write(b''))
show(lambda: io.BufferedIOBase().detach())
show(lambda: io.TextIOBase().read())
show(lambda: io.TextIOBase().readline())
show(lambda: io.TextIOBase().write(''))
show(lambda: io.TextIOBase().detach())
t = io.TextIOBase()
print(t.encoding, t.errors, t.newlines)

class Buf(io.BufferedIOBase):
    def read(self, n=-1):
        return b'0123456789'[:n]
    def read1(self, n=-1):
        return b'ab'
b = bytearray(4)
print(Buf().readinto(b), b, Buf().readinto1(b), b)
class Peeky(io.IOBase):
    def __init__(self):
        self.d = b'line one\nline two\n'
    def peek(self, n=1):
        return self.d
    def read(self, n):
        r, self.d = self.d[:n], self.d[n:]
        return r
print(Peeky().readline(), Peeky().readline(4))
print(issubclass(io.FileIO, io.IOBase), issubclass(io.BytesIO, io.BufferedIOBase), issubclass(io.TextIOWrapper, io.TextIOBase))
print(io.IOBase.__module__, io.FileIO.__module__, io.BytesIO.__name__, io.BufferedReader.__mro__[1:3])
print(io.TextIOWrapper.__mro__)
