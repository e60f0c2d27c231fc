# The window field of a zlib header read by a stream that takes its window size
# from the header (wbits 0, or 32 for zlib-or-gzip): a field above 7 (a window
# over 32 KiB) is zlib's "invalid window size", whether the header comes in one
# piece, one byte at a time, or to a copy of the stream; smaller windows and
# gzip streams decompress as before.
import zlib

data = b"window field " * 200


def header(cinfo):
    # A zlib header with window field `cinfo` whose check bits are valid.
    b0 = (cinfo << 4) | 8
    b1 = (31 - (b0 << 8) % 31) % 31
    return bytes([b0, b1])


def show(label, f):
    try:
        r = f()
        print(label, "->", len(r), zlib.crc32(r))
    except zlib.error as e:
        print(label, "-> error:", e)


for wbits in (0, 32):
    for cinfo in (7, 8, 9, 15):
        raw = header(cinfo) + zlib.compress(data)[2:]
        show("decompress wbits=%d cinfo=%d" % (wbits, cinfo), lambda: zlib.decompress(raw, wbits))

        def bytewise():
            d = zlib.decompressobj(wbits)
            return b"".join(d.decompress(raw[i:i + 1]) for i in range(len(raw))) + d.flush()
        show("bytewise wbits=%d cinfo=%d" % (wbits, cinfo), bytewise)

        def copied():
            d = zlib.decompressobj(wbits)
            out = d.decompress(raw[:1])
            return out + d.copy().decompress(raw[1:])
        show("copy after one byte wbits=%d cinfo=%d" % (wbits, cinfo), copied)

        def after_error():
            d = zlib.decompressobj(wbits)
            try:
                d.decompress(raw)
            except zlib.error as e:
                print("  first call:", e)
            return d.decompress(raw)
        show("again wbits=%d cinfo=%d" % (wbits, cinfo), after_error)

# A real small window, declared in the header, and the two bytes alone.
for level_wbits in (9, 12):
    c = zlib.compressobj(6, zlib.DEFLATED, level_wbits)
    raw = c.compress(data) + c.flush()
    show("small window %d" % level_wbits, lambda: zlib.decompress(raw, 0))
show("header alone", lambda: zlib.decompress(header(9), 0))
show("one byte alone", lambda: zlib.decompressobj(0).decompress(header(9)[:1]))
g = zlib.compressobj(6, zlib.DEFLATED, 31)
gz = g.compress(data) + g.flush()
show("gzip auto-detected", lambda: zlib.decompress(gz, 32))
show("gzip with wbits 0", lambda: zlib.decompress(gz, 0))
