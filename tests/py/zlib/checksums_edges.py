# zlib.crc32/adler32 and binascii.crc32: known values, running values across
# pieces, start values with high bits, sizes around the SIMD block lengths.
import binascii
import zlib

print(zlib.crc32(b""), zlib.adler32(b""), binascii.crc32(b""))
print(zlib.crc32(b"123456789"), hex(zlib.crc32(b"123456789")))
print(zlib.adler32(b"Wikipedia"), hex(zlib.adler32(b"Wikipedia")))
print(zlib.crc32(b"abc", 0xFFFFFFFF), zlib.adler32(b"abc", 0xFFFFFFFF))
print(zlib.crc32(b"abc", -1), zlib.adler32(b"abc", 2**32 + 5))
data = bytes((i * 7 + i // 253) % 256 for i in range(100003))
for n in (1, 15, 16, 17, 31, 32, 63, 64, 65, 127, 128, 129, 5551, 5552, 5553, 65536, 100003):
    c, a, b = zlib.crc32(data[:n]), zlib.adler32(data[:n]), binascii.crc32(data[:n])
    rc, ra = 0, 1
    for i in range(0, n, 1000):
        rc = zlib.crc32(data[i:min(n, i + 1000)], rc)
        ra = zlib.adler32(data[i:min(n, i + 1000)], ra)
    print(n, c, a, c == b == rc, a == ra)
print(zlib.crc32(bytearray(b"x" * 1000)), zlib.adler32(memoryview(b"y" * 999)))
print(zlib.crc32(b"\xff" * 6000), zlib.adler32(b"\xff" * 6000))
