# hashlib, zlib and struct read memoryviews of bytes (contiguous ones in
# place): slices, strided and multi-dimensional views, views of bytearrays
# changed between calls, and released views.
import hashlib
import struct
import zlib

data = bytes(range(256)) * 64
v = memoryview(data)
h = hashlib.sha256()
for i in range(0, len(data), 1000):
    h.update(v[i:i + 1000])
print("pieces", h.hexdigest() == hashlib.sha256(data).hexdigest())


def t(label, f):
    try:
        print(label, f())
    except Exception as e:
        print(label, type(e).__name__, e)


t("strided md5", lambda: hashlib.md5(v[::3]).hexdigest())
t("strided crc32", lambda: zlib.crc32(v[::-1]))
t("strided struct", lambda: struct.unpack("<2B", v[::100][:2]))
t("cast", lambda: zlib.adler32(v.cast("I")) == zlib.adler32(data))
t("2-d", lambda: hashlib.sha1(v.cast("B", (64, 256))).hexdigest() == hashlib.sha1(data).hexdigest())
print("empty", zlib.crc32(v[5:5]), hashlib.sha256(v[:0]).hexdigest()[:16])
print("struct", struct.unpack("<4I", v[16:32]), struct.unpack_from("<H", v, 3))
print("compress", zlib.decompress(zlib.compress(v[100:5000])) == data[100:5000])

ba = bytearray(b"abcdef")
bv = memoryview(ba)
c1 = zlib.crc32(bv[1:4])
ba[2] = ord("X")
c2 = zlib.crc32(bv[1:4])
print("bytearray view", c1 == zlib.crc32(b"bcd"), c2 == zlib.crc32(b"bXd"))

w = v[10:20]
w.release()
for f in (lambda: zlib.crc32(w), lambda: hashlib.sha256(w), lambda: struct.unpack("<I", w)):
    try:
        f()
        print("released: no error")
    except ValueError as e:
        print("released:", e)
