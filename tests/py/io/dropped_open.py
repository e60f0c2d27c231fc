# Files dropped without close(): everything written reaches the file, at
# exit (a child interpreter) and when a collection finds them unreachable.
from _iotmp import TempDir
import gc
import io
import os
import subprocess
import sys

CHILD = r'''
import io, json, sys
d = sys.argv[1]
g = open(d + '/global.txt', 'w')
g.write('g' * 10000)
for i in range(3000):
    g.write('%d,' % i)
open(d + '/temp.txt', 'w').write('t' * 3000)
json.dump([[i, str(i) * 3, i / 7] for i in range(400)], open(d + '/dump.json', 'w'))
def f():
    h = open(d + '/local.bin', 'wb')
    h.write(b'b' * 5000)
f()
r = open(d + '/random.bin', 'w+b')
r.write(b'r' * 100)
r.seek(0)
r.read(10)
r.write(b'R' * 20)
w = io.TextIOWrapper(io.BufferedWriter(io.FileIO(d + '/stacked.txt', 'w')), encoding='utf-8')
w.write('stacked\n' * 500)
a = open(d + '/append.txt', 'a')
a.write('appended')
'''

with TempDir('dropped') as T:
    names = ['global.txt', 'temp.txt', 'dump.json', 'local.bin', 'random.bin',
             'stacked.txt', 'append.txt', 'bin.bin', 'detach.txt', 'closed.txt',
             'bad.txt', 'loop.txt'] + ['gc%d.txt' % i for i in range(5)]
    d = os.path.dirname([T.path(n) for n in names][0])
    with open(d + '/append.txt', 'w') as a:
        a.write('first;')
    r = subprocess.run([sys.executable, '-c', CHILD, d], capture_output=True, text=True)
    print('child exit', r.returncode, repr(r.stderr))
    for name in ['global.txt', 'temp.txt', 'dump.json', 'local.bin', 'random.bin',
                 'stacked.txt', 'append.txt']:
        print(name, os.path.getsize(d + '/' + name))
    with open(d + '/global.txt') as f:
        text = f.read()
    print(text.count('g'), text.endswith('2998,2999,'))
    with open(d + '/random.bin', 'rb') as f:
        print(f.read()[:40])
    with open(d + '/append.txt') as f:
        print(f.read())

    # In this process: a collection closes (and so flushes) what it frees.
    def write(name, data):
        f = open(d + '/' + name, 'w')
        f.write(data)
    for i in range(5):
        write('gc%d.txt' % i, str(i) * (4000 + i))
    gc.collect()
    print([os.path.getsize(d + '/gc%d.txt' % i) for i in range(5)])

    b = open(d + '/bin.bin', 'wb')
    b.write(b'x' * 3000)
    del b
    gc.collect()
    print(os.path.getsize(d + '/bin.bin'))

    # A detached buffer stays open and usable; closing it writes both parts.
    t = open(d + '/detach.txt', 'w')
    t.write('text;')
    buf = t.detach()
    del t
    gc.collect()
    print(buf.closed)
    buf.write(b'bytes')
    buf.close()
    with open(d + '/detach.txt') as f:
        print(f.read())

    # Closed files are not closed again; a failing close is silent.
    c = open(d + '/closed.txt', 'w')
    c.write('c')
    c.close()
    del c
    gc.collect()
    print(os.path.getsize(d + '/closed.txt'))

    class Bad(io.BufferedWriter):
        def close(self):
            raise OSError('close failed')
    bad = Bad(io.FileIO(d + '/bad.txt', 'w'))
    bad.write(b'never flushed by close')
    del bad
    gc.collect()
    print('after bad', os.path.getsize(d + '/bad.txt'))

    # Many files opened for writing and dropped in a loop.
    for i in range(2000):
        open(d + '/loop.txt', 'w').write(str(i))
    gc.collect()
    with open(d + '/loop.txt') as f:
        print(f.read())
    print(hasattr(io.IOBase, '__del__'), hasattr(io.BufferedWriter, '__del__'))
