# basic memoryview behaviour over bytes and bytearray
m = memoryview(b"abcdef")
print(len(m), m[0], m[-1], m[1:3].tobytes(), m.tolist(), bytes(m[::2]), m.readonly, m.nbytes, m.itemsize, m.format, m.ndim)
print(m == b"abcdef", m[2:4] == b"cd", m.hex(), m.obj == b"abcdef")
ba = bytearray(b"hello")
mv = memoryview(ba)
mv[0] = ord("J")
mv[1:3] = b"EL"
print(ba, mv.readonly, bytes(mv), mv.tobytes())
try:
    m[0] = 1
except TypeError as e:
    print(type(e).__name__, e)
try:
    mv[0:2] = b"abc"
except ValueError as e:
    print(type(e).__name__, e)
try:
    mv[10]
except IndexError as e:
    print(type(e).__name__, e)
sub = mv[1:4]
sub[0] = ord("z")
print(ba, len(sub), sub.tobytes())
mv.release()
try:
    len(mv)
except ValueError as e:
    print(type(e).__name__, e)
with memoryview(bytearray(b"ctx")) as cm:
    print(cm.tobytes())
print(list(memoryview(b"\x01\x02\x03")), [x for x in memoryview(b"xy")])
c = memoryview(bytearray(b"\x01\x00\x02\x00")).cast("H")
print(c.format, c.itemsize, len(c), c.tolist())
