# zlib.compress/decompress: levels, container formats chosen by wbits,
# bufsize, checksums, and the errors for bad input.
import zlib

text = b"".join(b"line %d of some repetitive text\n" % i for i in range(300))
for level in (-1, 0, 1, 6, 9):
    c = zlib.compress(text, level)
    print("level", level, len(c) < len(text) or level == 0, zlib.decompress(c) == text)
print(zlib.compress(b"hello").hex())
print(zlib.compress(b"hello", 9).hex())
print(zlib.compress(b"hello", wbits=-15).hex())
print(zlib.compress(b"hello", wbits=31)[:3].hex(), len(zlib.compress(b"hello", wbits=31)))
print(zlib.compress(b"", 0).hex())
print(zlib.compress(b"abc", level=1, wbits=9).hex())

raw = zlib.compress(text, wbits=-12)
gz = zlib.compress(text, wbits=25)
zl = zlib.compress(text, wbits=10)
print(zlib.decompress(raw, -12) == text, zlib.decompress(gz, 25) == text)
print(zlib.decompress(gz, 47) == text, zlib.decompress(zl, 40) == text)
print(zlib.decompress(zl, 0) == text, zlib.decompress(zl, bufsize=1) == text)
print(zlib.decompress(zl + b"trailing junk") == text)
print(zlib.decompress(bytearray(zl)) == text, zlib.decompress(memoryview(zl)) == text)

print(zlib.adler32(b""), zlib.adler32(b"abc"), zlib.adler32(b"abc", 12345))
print(zlib.crc32(b""), zlib.crc32(b"abc"), zlib.crc32(b"abc", 12345))
print(zlib.crc32(b"def", zlib.crc32(b"abc")) == zlib.crc32(b"abcdef"))
print(zlib.adler32(b"def", zlib.adler32(b"abc")) == zlib.adler32(b"abcdef"))
print(zlib.crc32(b"x", -1), zlib.adler32(b"x", 2 ** 40 + 3))
print(zlib.MAX_WBITS, zlib.DEFLATED, zlib.DEF_MEM_LEVEL, zlib.DEF_BUF_SIZE)
print(zlib.Z_NO_FLUSH, zlib.Z_PARTIAL_FLUSH, zlib.Z_SYNC_FLUSH, zlib.Z_FULL_FLUSH,
      zlib.Z_FINISH, zlib.Z_BLOCK, zlib.Z_TREES)
print(zlib.Z_NO_COMPRESSION, zlib.Z_BEST_SPEED, zlib.Z_BEST_COMPRESSION,
      zlib.Z_DEFAULT_COMPRESSION)
print(zlib.Z_FILTERED, zlib.Z_HUFFMAN_ONLY, zlib.Z_RLE, zlib.Z_FIXED, zlib.Z_DEFAULT_STRATEGY)
print(zlib.ZLIB_VERSION == zlib.ZLIB_RUNTIME_VERSION, zlib.ZLIB_VERSION[:2], zlib.__version__)
print(zlib.error.__mro__)


def show(label, f):
    try:
        r = f()
        print(label, "->", r)
    except Exception as e:
        print(label, "raised", type(e).__name__, e)


show("truncated", lambda: zlib.decompress(zl[:-4]))
show("garbage", lambda: zlib.decompress(b"not zlib data at all"))
show("empty", lambda: zlib.decompress(b""))
show("corrupt block", lambda: zlib.decompress(b"\x78\x9c\xff\xff\xff"))
show("bad checksum", lambda: zlib.decompress(zl[:-1] + bytes([zl[-1] ^ 1])))
show("bad level", lambda: zlib.compress(b"x", 12))
show("bad wbits", lambda: zlib.compress(b"x", wbits=3))
show("bad dec wbits", lambda: zlib.decompress(zl, 3))
show("negative bufsize", lambda: zlib.decompress(zl, bufsize=-1))
show("str input", lambda: zlib.compress("text"))
show("int input", lambda: zlib.decompress(5))
show("crc32 str", lambda: zlib.crc32("abc"))
show("crc32 float start", lambda: zlib.crc32(b"abc", 1.0))
show("no args", lambda: zlib.compress())
show("too many", lambda: zlib.adler32(b"", 1, 2))
show("kw data", lambda: zlib.decompress(data=zl))
show("gzip as zlib", lambda: zlib.decompress(gz))
show("raw as zlib", lambda: zlib.decompress(raw))
