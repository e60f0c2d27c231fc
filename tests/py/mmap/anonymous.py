# Anonymous mmap: reading, writing, seeking, searching, slicing, resizing.
import mmap

m = mmap.mmap(-1, 32)
print(len(m), m.tell(), m.closed, m[:4])
print(m.write(b"hello world\n"), m.tell())
m.write_byte(ord("X"))
m.seek(0)
print(m.readline(), m.read_byte(), m.read(3), m.tell())
m.seek(-4, 2)
print(m.tell(), m.read())
m.seek(2)
m.seek(3, 1)
print(m.tell())
print(m.find(b"o"), m.find(b"o", 5), m.rfind(b"o"), m.find(b"zz"), m.find(b""), m.rfind(b"", 0, 4))
print(m.find(b"l", -30, -20), m.rfind(b"l", 0, 4))
m[0] = 72
print(m[0], m[-32], m[0:5], m[::4][:3], m[5:1], m[-3:])
m[0:5] = b"HELLO"
m[20:26:2] = b"abc"
print(m[:12], m[20:26])
m.move(1, 0, 5)
print(m[:8])
print(bytes(m)[:12], list(m)[:3])
print(m.readline(), m.tell())
m.resize(64)
print(len(m), m[:5])
m.resize(8)
print(len(m), bytes(m))
print(repr(m))
m.madvise(mmap.MADV_NORMAL)
m.madvise(mmap.MADV_WILLNEED, 0, 4)
m.flush()
with mmap.mmap(-1, 10) as m2:
    m2[:] = b"0123456789"
    print(m2[3], m2.closed)
print(m2.closed, repr(m2))
m.close()
m.close()
print(m.closed)
p = mmap.mmap(-1, 4096, flags=mmap.MAP_PRIVATE)
p[0:3] = b"abc"
print(p[:3], repr(p))
r = mmap.mmap(-1, 16, prot=mmap.PROT_READ)
print(repr(r), r[:2])
w = mmap.mmap(-1, 16, prot=mmap.PROT_WRITE | mmap.PROT_READ, flags=mmap.MAP_SHARED)
print(repr(w))
print(mmap.PAGESIZE == mmap.ALLOCATIONGRANULARITY, mmap.PAGESIZE % 4096)
print(mmap.ACCESS_DEFAULT, mmap.ACCESS_READ, mmap.ACCESS_WRITE, mmap.ACCESS_COPY)
print(mmap.MAP_SHARED, mmap.MAP_PRIVATE, mmap.MAP_ANONYMOUS, mmap.PROT_READ, mmap.PROT_WRITE)
print(mmap.error is OSError, mmap.mmap.__module__)


class Sub(mmap.mmap):
    pass


s = Sub(-1, 8)
s[:2] = b"hi"
print(type(s).__name__, s[:2], isinstance(s, mmap.mmap))
