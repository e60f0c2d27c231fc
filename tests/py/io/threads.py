# One file object written and read by several threads at once: no data lost.
# Writes only, to a binary file: CPython's TextIOWrapper writes and its
# BufferedReader.readline (whose fast path runs unlocked) are not safe when
# shared, so the reference output cannot be produced for those.
from _iotmp import TempDir
import io
import threading

N, M = 4, 300
with TempDir('threads') as T:
    p = T.path('t.txt')
    with open(p, 'wb') as f:
        def writer(k):
            for i in range(M):
                f.write(b'thread %d line %d\n' % (k, i))
        ts = [threading.Thread(target=writer, args=(k,)) for k in range(N)]
        for t in ts:
            t.start()
        for t in ts:
            t.join()
    with open(p) as f:
        lines = f.readlines()
    print(len(lines), sorted(lines) == sorted('thread %d line %d\n' % (k, i) for k in range(N) for i in range(M)))
    b = io.BytesIO()
    s = io.StringIO()
    def mem(k):
        for i in range(M):
            b.write(b'%d.%d;' % (k, i))
            s.write('%d.%d;' % (k, i))
    ts = [threading.Thread(target=mem, args=(k,)) for k in range(N)]
    for t in ts:
        t.start()
    for t in ts:
        t.join()
    print(len(b.getvalue().split(b';')) - 1, len(s.getvalue().split(';')) - 1)
