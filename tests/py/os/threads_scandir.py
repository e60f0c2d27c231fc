# The posix functions from several threads at once: one scandir iterator
# shared by four threads hands out every entry exactly once; stat, listdir
# and file round trips run concurrently.
#
# CPython 3.11 can crash (SIGSEGV) when threads share a scandir iterator
# (its readdir calls are not serialised); ProtoPy serialises them, so the
# shared-iterator part runs on ProtoPy only and CPython's expected output
# is its result (every entry once).
import _osboot
import os, sys, threading

base = _osboot.scratch('thr')
N = 200
for i in range(N):
    fd = os.open('f%03d' % i, os.O_WRONLY | os.O_CREAT)
    os.write(fd, b'x' * i)
    os.close(fd)

seen = [[] for _ in range(4)]
if sys.implementation.name == 'protopy':
    it = os.scandir('.')
    def drain(k):
        for e in it:
            seen[k].append((e.name, e.stat().st_size))
else:
    def drain(k):
        with os.scandir('.') as own:
            for e in own:
                if int(e.name[1:]) % 4 == k:
                    seen[k].append((e.name, e.stat().st_size))
ts = [threading.Thread(target=drain, args=(k,)) for k in range(4)]
for t in ts:
    t.start()
for t in ts:
    t.join()
allseen = sorted(x for s in seen for x in s)
print(len(allseen), allseen == sorted(('f%03d' % i, i) for i in range(N)))

errors = []
def work(k):
    try:
        for j in range(30):
            name = 't%d_%d' % (k, j)
            fd = os.open(name, os.O_RDWR | os.O_CREAT)
            os.write(fd, name.encode())
            os.lseek(fd, 0, os.SEEK_SET)
            assert os.read(fd, 100) == name.encode()
            os.close(fd)
            assert os.stat(name).st_size == len(name)
            assert name in os.listdir('.')
            os.unlink(name)
    except Exception as e:
        errors.append(repr(e))
ts = [threading.Thread(target=work, args=(k,)) for k in range(4)]
for t in ts:
    t.start()
for t in ts:
    t.join()
print(errors, len(os.listdir('.')))

_osboot.cleanup(base)
print(os.path.exists(base))
