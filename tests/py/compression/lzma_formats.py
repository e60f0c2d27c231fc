# _lzma through CPython's lzma module: the xz, alone and raw formats,
# filter chains, integrity checks, incremental decompression with
# max_length, property coding, LZMAFile, and errors.
import lzma, _lzma, io

data = b"".join(b"entry %04d %s\n" % (i, b"pq" * (i % 13)) for i in range(3000))

for check in (lzma.CHECK_NONE, lzma.CHECK_CRC32, lzma.CHECK_CRC64, lzma.CHECK_SHA256):
    c = lzma.compress(data, check=check, preset=1)
    d = lzma.LZMADecompressor()
    out = d.decompress(c)
    print("check", check, out == data, d.check, d.eof)
print(lzma.compress(b"abc", check=lzma.CHECK_NONE).hex())
print(lzma.compress(b"abc", format=lzma.FORMAT_ALONE).hex())
alone = lzma.compress(data, format=lzma.FORMAT_ALONE, preset=2)
print(lzma.decompress(alone) == data, lzma.decompress(alone, lzma.FORMAT_ALONE) == data)

chain = [
    {"id": lzma.FILTER_DELTA, "dist": 4},
    {"id": lzma.FILTER_LZMA2, "preset": 3, "dict_size": 1 << 16, "lc": 2, "lp": 1,
     "pb": 1, "mode": lzma.MODE_FAST, "nice_len": 64, "mf": lzma.MF_HC4, "depth": 8},
]
raw = lzma.compress(data, format=lzma.FORMAT_RAW, filters=chain)
print(raw[:8].hex(), lzma.decompress(raw, format=lzma.FORMAT_RAW, filters=chain) == data)
x86 = [{"id": lzma.FILTER_X86, "start_offset": 0}, {"id": lzma.FILTER_LZMA2}]
xz = lzma.compress(data, filters=x86)
print(lzma.decompress(xz) == data)
lz1 = [{"id": lzma.FILTER_LZMA1, "preset": 1}]
print(lzma.decompress(lzma.compress(data, format=lzma.FORMAT_ALONE, filters=lz1)) == data)

comp = lzma.LZMACompressor(preset=lzma.PRESET_DEFAULT | lzma.PRESET_EXTREME)
whole = b"".join([comp.compress(data[:20000]), comp.compress(data[20000:]), comp.flush()])
d = lzma.LZMADecompressor(lzma.FORMAT_XZ)
got = [d.decompress(whole, 1000)]
print(len(got[0]), d.needs_input, d.eof)
while not d.eof:
    got.append(d.decompress(b"", 5000))
print(b"".join(got) == data, d.unused_data, d.needs_input)
d = lzma.LZMADecompressor()
print(d.decompress(lzma.compress(b"tail") + b"junk"), d.eof, d.unused_data)
print(lzma.decompress(lzma.compress(b"one ") + lzma.compress(b"two")))

print(_lzma._encode_filter_properties({"id": lzma.FILTER_LZMA2, "preset": 4}).hex())
print(_lzma._encode_filter_properties({"id": lzma.FILTER_LZMA1, "lc": 1, "lp": 2, "pb": 0, "dict_size": 1 << 20}).hex())
print(_lzma._encode_filter_properties({"id": lzma.FILTER_DELTA, "dist": 9}).hex())
print(_lzma._decode_filter_properties(lzma.FILTER_LZMA1, bytes.fromhex("5d00000100")))
print(_lzma._decode_filter_properties(lzma.FILTER_LZMA2, b"\x10"))
print(_lzma._decode_filter_properties(lzma.FILTER_DELTA, b"\x07"))
print(_lzma._decode_filter_properties(lzma.FILTER_ARM, b"\x00\x01\x00\x00"))
print([c for c in range(17) if lzma.is_check_supported(c)])
print(lzma.FILTER_LZMA1, lzma.FILTER_LZMA2, lzma.MF_BT4, lzma.PRESET_EXTREME, lzma.CHECK_ID_MAX)

buf = io.BytesIO()
with lzma.LZMAFile(buf, "w", preset=0) as f:
    f.write(data)
buf.seek(0)
with lzma.open(buf, "rt", encoding="ascii") as f:
    print(f.readline(), end="")


def show(label, fn):
    try:
        print(label, "->", fn())
    except Exception as e:
        print(label, "raised", type(e).__name__, e)


show("raw without filters", lambda: lzma.LZMACompressor(format=lzma.FORMAT_RAW))
show("check with alone", lambda: lzma.LZMACompressor(format=lzma.FORMAT_ALONE, check=lzma.CHECK_CRC32))
show("preset and filters", lambda: lzma.LZMACompressor(preset=1, filters=x86))
show("bad format", lambda: lzma.LZMACompressor(format=8))
show("bad preset", lambda: lzma.LZMACompressor(preset=42))
show("bad filter id", lambda: lzma.LZMACompressor(filters=[{"id": 77}]))
show("no id", lambda: lzma.LZMACompressor(filters=[{"dist": 1}]))
show("not a dict", lambda: lzma.LZMACompressor(filters=[3]))
show("dict chain", lambda: lzma.LZMACompressor(filters={"id": 3}))
show("bad lzma key", lambda: lzma.LZMACompressor(filters=[{"id": lzma.FILTER_LZMA2, "size": 1}]))
show("bad delta", lambda: lzma.LZMACompressor(filters=[{"id": lzma.FILTER_DELTA, "dist": -1}]))
show("too many", lambda: lzma.LZMACompressor(filters=[{"id": lzma.FILTER_DELTA}] * 5))
show("bcj alone", lambda: lzma.LZMACompressor(filters=[{"id": lzma.FILTER_X86}]))
show("alone lzma2", lambda: lzma.LZMACompressor(format=lzma.FORMAT_ALONE, filters=x86[1:]))
show("memlimit raw", lambda: lzma.LZMADecompressor(lzma.FORMAT_RAW, memlimit=1 << 20, filters=chain))
show("filters xz", lambda: lzma.LZMADecompressor(lzma.FORMAT_XZ, filters=chain))
show("memlimit small", lambda: lzma.LZMADecompressor(memlimit=4096).decompress(whole))
show("garbage", lambda: lzma.decompress(b"definitely not xz data"))
show("corrupt", lambda: lzma.decompress(whole[:40] + bytes(20) + whole[60:]))
show("truncated", lambda: lzma.decompress(whole[:-20]))
show("wrong format", lambda: lzma.decompress(alone, lzma.FORMAT_XZ))
c = lzma.LZMACompressor()
c.flush()
show("after flush", lambda: c.compress(b"x"))
show("flush twice", lambda: c.flush())
d = lzma.LZMADecompressor()
d.decompress(lzma.compress(b"z"))
show("after eof", lambda: d.decompress(b"z"))
show("bad props", lambda: _lzma._decode_filter_properties(lzma.FILTER_LZMA1, b"\xff"))
