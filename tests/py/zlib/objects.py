# compressobj/decompressobj: streaming, flush modes, dictionaries,
# max_length with unconsumed_tail, unused_data/eof, copies, and misuse.
import zlib

data = b"".join(b"record %05d: %s\n" % (i, b"xyz" * (i % 7)) for i in range(2000))

c = zlib.compressobj(6, zlib.DEFLATED, 15, 9, zlib.Z_FILTERED)
parts = [c.compress(data[i:i + 1000]) for i in range(0, len(data), 1000)]
parts.append(c.flush())
comp = b"".join(parts)
print(zlib.decompress(comp) == data)

for strategy in (zlib.Z_DEFAULT_STRATEGY, zlib.Z_FILTERED, zlib.Z_HUFFMAN_ONLY, zlib.Z_RLE, zlib.Z_FIXED):
    for mem in (1, 8, 9):
        c = zlib.compressobj(level=9, memLevel=mem, strategy=strategy)
        out = c.compress(data) + c.flush()
        print("strategy", strategy, "mem", mem, zlib.decompress(out) == data)

# Flush modes: each sync/full flush ends on a byte boundary and the output
# so far decompresses.
c = zlib.compressobj()
a = c.compress(b"first part ") + c.flush(zlib.Z_SYNC_FLUSH)
print(a[-4:].hex(), zlib.decompressobj().decompress(a))
b = c.compress(b"second part ") + c.flush(zlib.Z_FULL_FLUSH)
print(b[-4:].hex(), zlib.decompressobj().decompress(a + b))
print(c.flush(zlib.Z_NO_FLUSH))
rest = c.compress(b"end") + c.flush(zlib.Z_FINISH)
print(zlib.decompress(a + b + rest))

# Dictionaries
zdict = b"common words: apple banana cherry"
c = zlib.compressobj(zdict=zdict)
withd = c.compress(b"apple banana cherry apple") + c.flush()
c = zlib.compressobj()
without = c.compress(b"apple banana cherry apple") + c.flush()
print(len(withd) < len(without))
d = zlib.decompressobj(zdict=zdict)
print(d.decompress(withd), d.eof)
c = zlib.compressobj(wbits=-15, zdict=zdict)
rawd = c.compress(b"cherry banana") + c.flush()
print(zlib.decompressobj(-15, zdict=bytearray(zdict)).decompress(rawd))

# max_length and unconsumed_tail
d = zlib.decompressobj()
pieces = []
chunk = d.decompress(comp, 100)
while chunk:
    pieces.append(chunk)
    chunk = d.decompress(d.unconsumed_tail, 4096)
print(len(pieces), max(len(p) for p in pieces), b"".join(pieces) == data, d.eof)

# unused_data, eof, data after the end of the stream
d = zlib.decompressobj()
out = d.decompress(comp + b"extra bytes")
print(out == data, d.eof, d.unused_data, d.unconsumed_tail)
print(d.decompress(b"more"), d.unused_data)
d = zlib.decompressobj()
print(d.decompress(comp[:50])[:20], d.eof)
print(len(d.flush()), d.eof)

# byte by byte
d = zlib.decompressobj()
out = b"".join(d.decompress(comp[i:i + 1]) for i in range(len(comp)))
print(out == data, d.eof)

# copies are independent
c = zlib.compressobj()
c.compress(b"shared prefix ")
c2 = c.copy()
x = c.compress(b"one") + c.flush()
y = c2.compress(b"two") + c2.flush()
print(zlib.decompress(x), zlib.decompress(y))
d = zlib.decompressobj()
half = d.decompress(comp[:len(comp) // 2])
d2 = d.copy()
print(half + d.decompress(comp[len(comp) // 2:]) == data)
print(half + d2.decompress(comp[len(comp) // 2:]) == data)
import copy
print(type(copy.copy(zlib.compressobj())).__name__, type(copy.deepcopy(zlib.decompressobj())).__name__)
print(type(zlib.compressobj()), type(zlib.decompressobj()))


def show(label, f):
    try:
        r = f()
        print(label, "->", r)
    except Exception as e:
        print(label, "raised", type(e).__name__, e)


show("bad method", lambda: zlib.compressobj(method=7))
show("bad memLevel", lambda: zlib.compressobj(memLevel=0))
show("bad strategy", lambda: zlib.compressobj(strategy=9))
show("bad wbits", lambda: zlib.decompressobj(wbits=100))
show("str zdict", lambda: zlib.compressobj(zdict="abc"))
show("int zdict", lambda: zlib.decompressobj(zdict=1))
show("negative max_length", lambda: zlib.decompressobj().decompress(comp, -1))
show("zero flush length", lambda: zlib.decompressobj().flush(0))
show("need dict", lambda: zlib.decompressobj().decompress(withd))
show("wrong dict", lambda: zlib.decompressobj(zdict=b"other").decompress(withd))
show("instantiate", lambda: type(zlib.compressobj())())
d = zlib.decompressobj()
show("corrupt", lambda: d.decompress(b"\x78\x9c\xff\xff"))
show("corrupt again", lambda: d.decompress(b"x"))
c = zlib.compressobj()
c.compress(b"abc")
c.flush()
show("compress after finish", lambda: c.compress(b"x"))
show("flush after finish", lambda: c.flush())
show("copy after finish", lambda: c.copy())
d = zlib.decompressobj()
d.decompress(zlib.compress(b"q"))
d.flush()
show("decompress after flush", lambda: d.decompress(b"x"))
show("copy after flush", lambda: d.copy())
show("readonly eof", lambda: setattr(zlib.decompressobj(), "eof", True))
