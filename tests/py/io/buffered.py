# BufferedReader/Writer/Random/RWPair: peek, read1, readinto, raw, detach.
from _iotmp import TempDir
import io

def show(fn):
    try:
        print('ok', repr(fn()))
    except Exception as e:
        print(type(e).__name__, e)

with TempDir('buffered') as T:
    p = T.path('b.bin')
    with open(p, 'wb') as f:
        f.write(bytes(range(100)) * 3)
    raw = io.FileIO(p)
    b = io.BufferedReader(raw, buffer_size=16)
    print(b.raw is raw, b.name == p, b.mode, b.closed, b.seekable(), b.readable(), b.writable())
    print(b.peek(1)[:4], len(b.peek()), b.read(2), len(b.peek(100)))
    print(b.read1(5), len(b.read1()), len(b.read1(1000)), b.read1(0), b.tell())
    ba = bytearray(10)
    print(b.readinto(ba), ba)
    mv = memoryview(bytearray(40))
    print(b.readinto1(mv), b.readinto(mv), mv.tobytes()[:3])
    print(len(b.read()), b.read(), b.read(5), b.peek(), b.read1(3))
    d = b.detach()
    print(d is raw, d.closed)
    show(lambda: b.read())
    show(lambda: b.raw)
    show(lambda: b.detach())
    print(repr(b)[:20])
    raw.close()
    show(lambda: io.BufferedReader(raw))
    show(lambda: io.BufferedReader(io.FileIO(p), 0))
    show(lambda: io.BufferedReader(io.FileIO(p, 'w')))
    show(lambda: io.BufferedWriter(io.FileIO(p, 'r')))
    # writer
    w = io.BufferedWriter(io.FileIO(p, 'w'), 8)
    print(w.write(b'abc'), w.write(b'defghijkl'), w.tell())
    w.write(b'mno')
    w.flush()
    w.close()
    print(w.closed)
    show(lambda: w.write(b'x'))
    show(lambda: w.flush())
    w.close()
    with open(p, 'rb') as f:
        print(f.read())
    # random: interleaved reads and writes keep one position
    r = io.BufferedRandom(io.FileIO(p, 'r+'), 4)
    print(r.read(2), r.write(b'XY'), r.tell(), r.read(3), r.tell())
    r.seek(0)
    print(r.read())
    r.seek(1)
    r.write(b'-')
    print(r.peek(1)[:1], r.read1(2))
    r.seek(0)
    print(r.read(), r.tell())
    print(r.truncate(5), r.tell())
    r.seek(0)
    print(r.read())
    r.close()
    # BufferedRWPair over two raw streams
    with open(p, 'wb') as f:
        f.write(b'pair-data\nsecond\n')
    rd = io.FileIO(p, 'r')
    q = T.path('w.bin')
    wr = io.FileIO(q, 'w')
    pair = io.BufferedRWPair(rd, wr)
    print(pair.readable(), pair.writable(), pair.closed, pair.isatty())
    print(pair.peek(1)[:1], pair.read(4), pair.read1(3), pair.readline() if hasattr(pair, 'readline') else None)
    print(pair.write(b'written'))
    pair.flush()
    pair.close()
    print(pair.closed, rd.closed, wr.closed)
    with open(q, 'rb') as f:
        print(f.read())
    show(lambda: io.BufferedRWPair(io.FileIO(p, 'w'), io.FileIO(q, 'w')))
    # a Python raw stream under a buffered reader
    class Slow(io.RawIOBase):
        def __init__(self, data):
            self.data = data
            self.calls = 0
        def readable(self):
            return True
        def readinto(self, b):
            self.calls += 1
            n = min(len(b), 3, len(self.data))
            b[:n] = self.data[:n]
            self.data = self.data[n:]
            return n
    s = Slow(b'abcdefghij\nklm')
    br = io.BufferedReader(s, 5)
    print(br.read(4), br.peek(), br.readline(), br.read(), s.calls)
    class Bad(io.RawIOBase):
        def readable(self):
            return True
        def readinto(self, b):
            return len(b) + 5
    show(lambda: io.BufferedReader(Bad()).read(2))
