# Every integer code in each byte order at the edges of its range, in
# repeats and mixed records; one past each edge is struct.error.
import struct

codes = "bBhHiIlLqQnN"
for mode in "@=<>!":
    for c in codes:
        if c in "nN" and mode != "@":
            continue
        fmt = mode + c
        size = struct.calcsize(fmt)
        bits = 8 * size
        if c.islower():
            lo, hi = -(1 << (bits - 1)), (1 << (bits - 1)) - 1
        else:
            lo, hi = 0, (1 << bits) - 1
        row = []
        for v in (lo, lo + 1, -1, 0, 1, 127, 128, 255, 256, hi - 1, hi):
            if not lo <= v <= hi:
                continue
            b = struct.pack(fmt, v)
            assert struct.unpack(fmt, b)[0] == v, (fmt, v)
            row.append(b.hex())
        for v in (lo - 1, hi + 1):
            try:
                struct.pack(fmt, v)
                row.append("no error for %d" % v)
            except struct.error as e:
                row.append("E")
        print(fmt, size, " ".join(row))

# Repeats and mixed records, packed and unpacked through Struct objects.
for fmt in ("<3h", ">3h", "=2I2b", "!qHb", "<IhQ", ">IhQ", "@bhiq", "<4B2xH", ">H3sbQ?"):
    s = struct.Struct(fmt)
    n = len(s.unpack(bytes(s.size)))
    sample = list(s.unpack(bytes(range(1, s.size + 1))))
    again = s.pack(*sample)
    print(fmt, s.size, n, sample, again.hex(), s.unpack(again) == tuple(sample))

# The error for a value of the wrong type still names the code's rule.
for fmt, v in (("<h", 1.5), ("<I", "x"), (">q", None), ("<H", -1), ("<b", 200)):
    try:
        struct.pack(fmt, v)
    except struct.error as e:
        print(fmt, repr(v), "struct.error:", e)
    except TypeError as e:
        print(fmt, repr(v), "TypeError:", e)
