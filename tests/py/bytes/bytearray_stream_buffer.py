# A bytearray used as a stream buffer: consumed from the front with
# `del b[:n]`, appended to at the end, read through slices, memoryviews and
# searches in between; local, module-global (shared) and read by another
# thread. Also memoryviews of big bytes objects.
import threading

def consume(b, sizes):
    out = []
    for n in sizes:
        out.append(bytes(b[:n]))
        del b[:n]
        b.extend(b"<%d>" % n)
    return out

local = bytearray(b"0123456789" * 5)
print(consume(local, [3, 7, 1, 0, 12]))
print(local, len(local))
print(local.find(b"<7>"), local.rfind(b"<"), local.count(b"<"), local[-5:])

# Front removal, then every kind of edit.
b = bytearray(range(32))
del b[:5]
b[0] = 255
b[2:4] = b"xy"
b[::7] = bytes(len(b[::7]))
b.insert(1, 7)
b.append(9)
b.pop(0)
del b[3:6]
del b[-2:]
b += b"tail"
b.reverse()
print(list(b))
del b[:len(b)]
print(b, len(b))
b.extend(b"again")
print(b)

# A bytearray consumed and refilled many times stays correct.
s = bytearray()
total = bytearray()
for i in range(200):
    s.extend(bytes([i % 251]) * (i % 17 + 1))
    if len(s) > 40:
        k = len(s) // 3
        total += s[:k]
        del s[:k]
total += s
expect = bytearray()
for i in range(200):
    expect.extend(bytes([i % 251]) * (i % 17 + 1))
print(total == expect, len(total))

# Memoryviews see the consumed buffer.
g = bytearray(b"abcdefghij")
del g[:2]
m = memoryview(g)
print(m.tobytes(), m[0], bytes(m[1:3]))
m[0] = 67
m.release()
del g[:1]
print(g)

# A module-level (shared) bytearray, consumed while another thread reads.
shared = bytearray(b"x" * 1000)
seen = []
def reader():
    # Each snapshot is one moment's bytes: some x's then some y's, 997 of
    # them between a removal and its append, else 1000.
    for _ in range(200):
        snap = bytes(shared)
        nx, ny = snap.count(b"x"), snap.count(b"y")
        ok = len(snap) in (997, 1000) and snap == b"x" * nx + b"y" * ny
        seen.append(ok or snap)
t = threading.Thread(target=reader)
t.start()
for i in range(200):
    del shared[:3]
    shared.extend(b"yyy")
t.join()
print(len(shared), shared.count(b"x"), shared.count(b"y"), all(x is True for x in seen))

# Memoryviews of a big bytes object and their slices.
big = b"ab" * 3_000_000
v = memoryview(big)
print(len(v), v.readonly, bytes(v[:4]), bytes(v[-3:]), v[5_999_999])
print(bytes(memoryview(big)[1000:1006]), memoryview(b"").tobytes())
try:
    memoryview("text")
except TypeError as e:
    print("TypeError:", e)
