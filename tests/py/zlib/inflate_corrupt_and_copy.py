# Decompression of corrupt streams (each error's message and code), and
# decompressor copies taken mid-stream, finished independently.
import zlib


def attempt(label, data, wbits=15):
    try:
        out = zlib.decompress(data, wbits)
        print(label, "ok", len(out))
    except zlib.error as e:
        print(label, "error:", e)
    d = zlib.decompressobj(wbits)
    try:
        out = d.decompress(data)
        out += d.flush()
        print(label, "obj ok", len(out), d.eof, len(d.unused_data))
    except zlib.error as e:
        print(label, "obj error:", e)


text = b"".join(b"line %d of a test text, with words repeated\n" % i for i in range(3000))
good = zlib.compress(text, 6)

attempt("good", good)
attempt("bad header", b"\x78\x9d" + good[2:])
attempt("unknown method", b"\x79\x9c" + good[2:])
attempt("bad window", b"\x88\x98" + good[2:])
bad_check = bytearray(good)
bad_check[-1] ^= 0xFF
attempt("bad adler", bytes(bad_check))
attempt("truncated", good[: len(good) // 2])
attempt("raw block type 3", b"\x07\x00", -15)
attempt("stored length mismatch", b"\x00\x05\x00\x00\x00", -15)
attempt("too far back", b"\x02\x01\x00\x00", -15)

gz = zlib.compressobj(6, zlib.DEFLATED, 31)
gzdata = gz.compress(text) + gz.flush()
attempt("gzip good", gzdata, 31)
bad_len = bytearray(gzdata)
bad_len[-2] ^= 0x01
attempt("gzip bad length", bytes(bad_len), 31)
bad_crc = bytearray(gzdata)
bad_crc[-6] ^= 0x01
attempt("gzip bad crc", bytes(bad_crc), 31)
attempt("auto gzip", gzdata, 47)
attempt("auto zlib", good, 47)
attempt("gzip + trailing", gzdata + b"extra", 31)

# Copies at several points of a stream; each copy and the original finish
# on their own and agree.
for cut in (0, 1, 2, 50, len(good) // 3, len(good) - 4, len(good)):
    d = zlib.decompressobj()
    head = d.decompress(good[:cut])
    c = d.copy()
    rest_d = d.decompress(good[cut:]) + d.flush()
    rest_c = c.decompress(good[cut:]) + c.flush()
    print("copy at", cut, head + rest_d == text, head + rest_c == text, d.eof, c.eof)

# A copy taken from a stream with a preset dictionary.
zdict = b"line of a test text, with words repeated"
co = zlib.compressobj(zdict=zdict)
withdict = co.compress(text) + co.flush()
d = zlib.decompressobj(zdict=zdict)
part = d.decompress(withdict[:100])
c = d.copy()
print("dict copy", part + c.decompress(withdict[100:]) == text, c.eof)
try:
    zlib.decompress(withdict)
except zlib.error as e:
    print("needs dict:", e)

# max_length and unconsumed_tail, then a copy of the half-drained stream.
d = zlib.decompressobj()
first = d.decompress(good, 1000)
print("max_length", len(first), len(d.unconsumed_tail) > 0)
c = d.copy()
tail = d.unconsumed_tail
a = first + d.decompress(tail) + d.flush()
b = first + c.decompress(tail) + c.flush()
print("drained", a == text, b == text)

# A finished decompressor can still be copied.
d = zlib.decompressobj()
d.decompress(good)
c = d.copy()
print("finished copy", c.eof, c.decompress(b"more"), c.unused_data)
