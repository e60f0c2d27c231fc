# mmap's error cases and messages, and buffer exports blocking close and
# resize.
import mmap
import os
import re
import tempfile


def show(f):
    try:
        r = f()
    except Exception as e:
        print(type(e).__name__ + ":", e)
    else:
        print("ok", r)


m = mmap.mmap(-1, 8)
show(lambda: mmap.mmap(-1, -1))
show(lambda: mmap.mmap(-1, 8, offset=-1))
show(lambda: mmap.mmap(-1, 8, access=mmap.ACCESS_READ, flags=mmap.MAP_PRIVATE))
show(lambda: mmap.mmap(-1, 8, access=7))
show(lambda: mmap.mmap(-1, 0))
show(lambda: m[8])
show(lambda: m[-9])
show(lambda: m["a"])
show(lambda: m.__setitem__(0, 256))
show(lambda: m.__setitem__(0, b"a"))
show(lambda: m.__setitem__(slice(0, 2), b"abc"))
show(lambda: m.__setitem__(slice(0, 2), "ab"))
show(lambda: m.__delitem__(0))
show(lambda: m.seek(9))
show(lambda: m.seek(-1))
show(lambda: m.seek(0, 3))
show(lambda: m.write(b"123456789"))
show(lambda: m.write("str"))
show(lambda: m.move(0, 4, 5))
show(lambda: m.move(-1, 0, 1))
show(lambda: m.flush(0, 9))
show(lambda: m.madvise(mmap.MADV_NORMAL, 8))
show(lambda: m.madvise(mmap.MADV_NORMAL, 0, -1))
show(lambda: m.read("x"))
show(lambda: m.write_byte(256))
show(lambda: m.resize(-1))
show(lambda: m.size())
m.seek(8)
show(lambda: m.read_byte())
show(lambda: m.write_byte(1))
print(m.read(), m.readline())

mv = memoryview(m)
print(mv.readonly, len(mv), mv.obj is m, mv.format)
mv[0] = 65
mv[1:3] = b"BC"
print(m[:3], bytes(mv[:3]), re.search(b"B.", m).group())
show(m.close)
show(lambda: m.resize(16))
part = mv[1:5]
mv.release()
show(lambda: part[0])
part.release()
show(m.close)
show(lambda: m[0])
show(lambda: m.read())
show(lambda: len(m))
show(lambda: m.find(b"a"))
show(lambda: memoryview(m))
show(lambda: m.__enter__())
print(m.closed)

with mmap.mmap(-1, 4) as m2:
    with memoryview(m2) as v:
        v[0] = 1
    print(m2[0])
print(m2.closed)

fd, path = tempfile.mkstemp()
show(lambda: mmap.mmap(fd, 0))
os.write(fd, b"12345")
show(lambda: mmap.mmap(fd, 10))
show(lambda: mmap.mmap(fd, 0, offset=mmap.PAGESIZE))
r = mmap.mmap(fd, 0, access=mmap.ACCESS_READ)
rv = memoryview(r)
print(rv.readonly, bytes(rv))
show(lambda: rv.__setitem__(0, 1))
rv.release()
r.close()
os.close(fd)
os.unlink(path)
show(lambda: mmap.mmap(fd, 5))
