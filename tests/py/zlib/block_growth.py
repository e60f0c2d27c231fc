# zlib output blocks grow as CPython's (bufsize first, then 32 KiB, 64 KiB,
# 256 KiB, ...): with a small window (wbits -8/-9) on data deflated with a
# large one, zlib resolves far distances from the output of the same call, so
# whether such a stream decompresses depends on the room each call gets.
import zlib


def lcg(seed):
    while True:
        seed = (seed * 1103515245 + 12345) % 2147483648
        yield seed


g = lcg(3)
raw = bytes(next(g) % 7 + 97 for _ in range(3000)) * 3
co = zlib.compressobj(6, zlib.DEFLATED, -15)
data = co.compress(raw) + co.flush()
for w in (-15, -9, -8):
    for bufsize in (1, 100, 16384, 10**6):
        try:
            out = zlib.decompress(data, w, bufsize)
            print(w, bufsize, "ok", len(out), out == raw)
        except zlib.error as e:
            print(w, bufsize, "zlib.error:", e)
    for max_length in (0, 100, 40000):
        d = zlib.decompressobj(w)
        try:
            out = d.decompress(data, max_length)
            out += d.flush()
            print(w, "obj", max_length, "ok", len(out), len(d.unconsumed_tail))
        except zlib.error as e:
            print(w, "obj", max_length, "zlib.error:", e)

# large outputs in one call and in pieces
big = raw * 400
c = zlib.compress(big)
print(len(zlib.decompress(c)), zlib.decompress(c) == big)
d = zlib.decompressobj()
parts = [d.decompress(c[i:i + 5000]) for i in range(0, len(c), 5000)]
print(sum(map(len, parts)), b"".join(parts) + d.flush() == big, d.eof)
print(len(zlib.compress(big, 1)) > len(zlib.compress(big, 9)))
