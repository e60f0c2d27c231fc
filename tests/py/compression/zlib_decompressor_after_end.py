# A decompressor past the end of its stream: what later calls, copies and
# flushes give, and a copy refused once flush ended it.
import zlib
data = zlib.compress(b"hello world" * 20)
d = zlib.decompressobj()
out = d.decompress(data + b"TAIL")
print(len(out), d.eof, d.unused_data, d.unconsumed_tail)
print(d.decompress(b"more"), d.unused_data, d.eof)
c = d.copy()
print(c.eof, c.unused_data, c.decompress(b"x"), c.unused_data)
print(d.flush(), d.unused_data, d.eof)
try:
    d.copy()
except ValueError as e:
    print("ValueError", e)
try:
    print(d.decompress(b"z"))
except zlib.error as e:
    print("error", e)
# max_length then end
d2 = zlib.decompressobj()
part = d2.decompress(data, 10)
print(part, len(d2.unconsumed_tail), d2.eof)
rest = d2.decompress(d2.unconsumed_tail)
print(len(part + rest), d2.eof, d2.unconsumed_tail)
print(d2.flush())
# flush finishing a stream
d3 = zlib.decompressobj()
x = d3.decompress(data[:-3])
print(d3.eof, len(x + d3.flush()), d3.eof)
