# Threads sharing one mmap: disjoint writes all land; closing and resizing
# while other threads read, write and take views raise Python errors only.
import mmap
import threading

m = mmap.mmap(-1, 4 * 4096)


def fill(i):
    for k in range(4096):
        m[i * 4096 + k] = i + 1


ts = [threading.Thread(target=fill, args=(i,)) for i in range(4)]
for t in ts:
    t.start()
for t in ts:
    t.join()
print([m[i * 4096:(i + 1) * 4096].count(i + 1) for i in range(4)])

errors = set()


def churn(stop):
    while not stop.is_set():
        try:
            mm = shared[0]
            v = memoryview(mm)
            v[0:4] = b"abcd"
            bytes(v[:16])
            v.release()
            mm.write_byte(1) if mm.tell() < len(mm) else mm.seek(0)
            mm.find(b"abcd")
            mm[:8]
        except (ValueError, BufferError, IndexError, TypeError) as e:
            errors.add(type(e).__name__)


shared = [mmap.mmap(-1, 4096)]
stop = threading.Event()
ts = [threading.Thread(target=churn, args=(stop,)) for _ in range(3)]
for t in ts:
    t.start()
for i in range(200):
    old = shared[0]
    try:
        old.resize(4096 + (i % 3) * 4096)
    except (BufferError, ValueError):
        pass
    if i % 10 == 0:
        shared[0] = mmap.mmap(-1, 4096)
        while True:
            try:
                old.close()
                break
            except BufferError:
                pass
stop.set()
for t in ts:
    t.join()
print("survived", errors <= {"ValueError", "BufferError", "IndexError", "TypeError"})
