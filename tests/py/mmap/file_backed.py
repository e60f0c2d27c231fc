# File-backed mmaps: shared writes reach the file, ACCESS_COPY does not,
# ACCESS_READ refuses writes, offsets, resize grows the file.
import mmap
import os
import tempfile

d = tempfile.mkdtemp()
path = os.path.join(d, "data.bin")
with open(path, "wb") as f:
    f.write(b"abcdefghij" * 500)

with open(path, "r+b") as f:
    m = mmap.mmap(f.fileno(), 0)
    print(len(m), m.size(), m[:10])
    m[0:5] = b"ABCDE"
    m.flush()
    m.seek(4990)
    print(m.read(), m.tell())
    m.resize(6000)
    print(len(m), m.size(), os.path.getsize(path))
    m[5999] = 33
    m.close()
with open(path, "rb") as f:
    data = f.read()
print(data[:10], len(data), data[-1:])

with open(path, "r+b") as f:
    c = mmap.mmap(f.fileno(), 0, access=mmap.ACCESS_COPY)
    c[0:3] = b"xyz"
    print(c[:5], repr(c)[:40])
    try:
        c.resize(10)
    except TypeError as e:
        print("TypeError:", e)
    c.close()
with open(path, "rb") as f:
    print(f.read(5))

with open(path, "rb") as f:
    r = mmap.mmap(f.fileno(), 0, access=mmap.ACCESS_READ)
    for op in (lambda: r.write(b"x"), lambda: r.write_byte(1),
               lambda: r.__setitem__(0, 1), lambda: r.move(0, 1, 1),
               lambda: r.resize(5)):
        try:
            op()
        except TypeError as e:
            print("TypeError:", e)
    print(r.find(b"ghij"), r.rfind(b"abc"), r[-3:])
    r.close()

with open(path, "r+b") as f:
    o = mmap.mmap(f.fileno(), 100, offset=mmap.ALLOCATIONGRANULARITY)
    print(len(o), o[:5], repr(o)[-15:])
    o.close()
    w = mmap.mmap(f.fileno(), 10, access=mmap.ACCESS_WRITE)
    w[:2] = b"!!"
    w.close()
with open(path, "rb") as f:
    print(f.read(4))

with open(path, "r+b") as f:
    m = mmap.mmap(f.fileno(), 0)
os.unlink(path)
print(m[:3], len(m))
m.close()
os.rmdir(d)
