# One file object written and read by several threads at once: no data lost.
# (Binary files: CPython's TextIOWrapper is not safe for concurrent writes,
# so the reference output could not be produced with a shared text file.)
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
    # shared reader: every line read exactly once
    got = []
    lock = threading.Lock()
    with open(p, 'rb') as f:
        def reader():
            mine = []
            while True:
                line = f.readline()
                if not line:
                    break
                mine.append(line)
            with lock:
                got.extend(mine)
        ts = [threading.Thread(target=reader) for _ in range(N)]
        for t in ts:
            t.start()
        for t in ts:
            t.join()
    print(len(got), sorted(got) == sorted(l.encode() for l in lines))
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
