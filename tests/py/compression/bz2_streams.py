# _bz2 through CPython's bz2 module: one-shot, incremental with max_length,
# multi-stream data, BZ2File, and the errors for misuse and bad data.
import bz2, _bz2, io

data = b"".join(b"%05d:%s\n" % (i, b"ab" * (i % 11)) for i in range(5000))
for level in (1, 9):
    c = bz2.compress(data, level)
    print(level, c[:4], bz2.decompress(c) == data)
print(bz2.compress(b"").hex())
print(bz2.compress(b"hello").hex())

comp = bz2.BZ2Compressor(3)
parts = [comp.compress(data[i:i + 7000]) for i in range(0, len(data), 7000)]
parts.append(comp.flush())
whole = b"".join(parts)
print(bz2.decompress(whole) == data)

d = bz2.BZ2Decompressor()
got = [d.decompress(whole[:500], 100)]
print(len(got[0]), d.needs_input, d.eof)
while not d.eof:
    chunk = d.decompress(b"" if not d.needs_input else whole[500:], 4096)
    got.append(chunk)
print(b"".join(got) == data, d.eof, d.unused_data, d.needs_input)

d = bz2.BZ2Decompressor()
print(d.decompress(bz2.compress(b"abc") + b"extra") , d.eof, d.unused_data)
print(bz2.decompress(bz2.compress(b"one ") + bz2.compress(b"two")))

buf = io.BytesIO()
with bz2.BZ2File(buf, "wb") as f:
    f.write(data)
buf.seek(0)
with bz2.open(buf, "rt", encoding="ascii") as f:
    print(f.readline(), end="")
    print(len(f.read()) == len(data) - 6)


def show(label, fn):
    try:
        print(label, "->", fn())
    except Exception as e:
        print(label, "raised", type(e).__name__, e)


show("level 0", lambda: bz2.BZ2Compressor(0))
show("level kw", lambda: _bz2.BZ2Compressor(compresslevel=5))
show("decompressor arg", lambda: bz2.BZ2Decompressor(1))
show("str data", lambda: bz2.compress("text"))
show("garbage", lambda: bz2.decompress(b"this is not bzip2 data"))
show("truncated", lambda: bz2.decompress(bz2.compress(data)[:-10]))
c = bz2.BZ2Compressor()
c.flush()
show("compress after flush", lambda: c.compress(b"x"))
show("flush twice", lambda: c.flush())
d = bz2.BZ2Decompressor()
d.decompress(bz2.compress(b"q"))
show("after eof", lambda: d.decompress(b"more"))
show("readonly", lambda: setattr(d, "eof", False))
show("subclass", lambda: type("X", (bz2.BZ2Decompressor,), {}))
show("pickle", lambda: __import__("pickle").dumps(bz2.BZ2Compressor()))
