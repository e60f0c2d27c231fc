# bz2 and lzma decompressors once their stream has ended: the attributes
# they keep, EOFError from any later call, and many short streams read one
# decompressor each (each one's memory is given back at its end).
import bz2
import lzma

payload = b"protopy " * 50

for name, mod, make in [
    ("bz2", bz2, bz2.BZ2Decompressor),
    ("lzma", lzma, lzma.LZMADecompressor),
]:
    blob = mod.compress(payload)
    d = make()
    first = d.decompress(blob[:10])
    print(name, "partial", len(first), d.eof, d.needs_input)
    rest = d.decompress(blob[10:] + b"TRAILER")
    print(name, "whole", first + rest == payload, d.eof, d.needs_input, d.unused_data)
    for extra in (b"more", b""):
        try:
            d.decompress(extra)
        except EOFError as e:
            print(name, "EOFError:", e)
    print(name, "after", d.eof, d.needs_input, d.unused_data)
    if name == "lzma":
        print(name, "check", d.check)

    # A limit that stops before the end, then the rest.
    d = make()
    head = d.decompress(blob, max_length=7)
    print(name, "limited", head, d.eof, d.needs_input)
    tail = d.decompress(b"")
    while not d.eof:
        tail += d.decompress(b"")
    print(name, "limited rest", head + tail == payload, d.eof)

    # Many streams, one decompressor each.
    blobs = [mod.compress(b"%d " % i * 20) for i in range(300)]
    total = 0
    for i, b in enumerate(blobs):
        d = make()
        out = d.decompress(b)
        assert d.eof and out == b"%d " % i * 20, i
        total += len(out)
    print(name, "streams", len(blobs), total)
