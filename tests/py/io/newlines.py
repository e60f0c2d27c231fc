# Newline translation on write and read, in every newline mode.
from _iotmp import TempDir
import io

MODES = [None, '', '\n', '\r', '\r\n']
with TempDir('newlines') as T:
    p = T.path('n.txt')
    for nl in MODES:
        with open(p, 'w', newline=nl) as f:
            f.write('a\nb\r\nc\rd\n')
        with open(p, 'rb') as f:
            print('write', repr(nl), f.read())
    with open(p, 'wb') as f:
        f.write(b'one\ntwo\r\nthree\rfour\r\n\r\nlast\r')
    for nl in MODES:
        with open(p, newline=nl) as f:
            print('read', repr(nl), repr(f.read()), f.newlines)
        with open(p, newline=nl) as f:
            print('lines', repr(nl), f.readlines())
    # a \r\n split across chunk boundaries
    for nl in [None, '', '\r\n']:
        for size in [1, 2, 3, 4, 5]:
            with open(p, newline=nl) as f:
                f._CHUNK_SIZE = size
                lines = list(f)
            print('chunk', repr(nl), size, lines)
    with open(p, newline=None) as f:
        f._CHUNK_SIZE = 3
        print('read(n)', [f.read(2) for _ in range(12)])
    # newlines attribute grows as lines are read
    with open(p) as f:
        seen = []
        for line in f:
            seen.append(f.newlines)
        print(seen)
    with open(p, 'w', newline=None) as f:
        print(f.newlines)
    # StringIO newline modes
    for nl in MODES:
        s = io.StringIO(newline=nl)
        s.write('x\ny\r\nz\rw')
        print('sio', repr(nl), repr(s.getvalue()), s.newlines)
        s.seek(0)
        print('   ', s.readlines())
    s = io.StringIO('a\r\nb', newline=None)
    print(repr(s.getvalue()), s.newlines)
    d = io.IncrementalNewlineDecoder(None, translate=True)
    print(repr(d.decode('a\r')), repr(d.decode('\nb\r')), d.getstate(), repr(d.decode('', final=True)), d.newlines)
    d.reset()
    print(d.newlines, d.getstate())
    d = io.IncrementalNewlineDecoder(None, translate=False)
    print(repr(d.decode('x\r\ny\rz\n')), d.newlines)
    d.setstate((b'', 1))
    print(repr(d.decode('q')))
    try:
        d.decode(b'bytes')
    except TypeError as e:
        print('TypeError', e)
