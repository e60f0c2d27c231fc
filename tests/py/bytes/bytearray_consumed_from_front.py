# A bytearray used as a stream buffer: filled at the end, consumed from the
# front (whole, or part of it), refilled; what it holds at every step, and
# reads through memoryviews, slices and methods after its bytes moved.
buf = bytearray()
log = []
for i in range(40):
    chunk = bytes([65 + i % 26]) * (5 + i * 3)
    buf.extend(chunk)
    if i % 3 == 0:
        # Read everything (asyncio's StreamReader.read).
        data = bytes(memoryview(buf)[: 1 << 20])
        del buf[: 1 << 20]
        log.append(("all", len(data), data[:3], len(buf)))
    elif i % 3 == 1:
        # Read a prefix.
        n = len(buf) // 3
        data = bytes(buf[:n])
        del buf[:n]
        log.append(("part", n, data[-2:], len(buf), bytes(buf[:2])))
    else:
        log.append(("keep", len(buf), buf.find(bytes([65 + i % 26])), buf.count(b"A")))
for entry in log:
    print(entry)
print(len(buf), bytes(buf[:10]), bytes(buf[-10:]))

# The buffer's own bytes appended to it after its front was consumed.
b = bytearray(b"0123456789" * 3)
del b[:25]
b.extend(b)
print(b)
b.extend(bytes(b[:3]))
print(b, len(b))

# Consumed to empty, then refilled many times with big and small pieces.
s = bytearray()
total = 0
for i in range(200):
    s.extend(b"x" * (1000 + i))
    s.extend(b"yz")
    if i % 2:
        total += len(s)
        del s[:]
    else:
        del s[: len(s) - 5]
print(total, s, len(s))

# Other ways of consuming and refilling.
t = bytearray(b"abcdefghij")
del t[0:4]
t[0:0] = b"XY"
t.append(33)
t.insert(0, 35)
print(t, t.index(b"ef"), t.startswith(b"#XY"), t == bytearray(b"#XYefghij!"))
del t[:]
t.extend(range(65, 70))
print(t, t.pop(), t.pop(0), t)
c = t.copy()
del t[:2]
t.extend(b"ZZZZZZ")
print(c, t, t.hex(), t.decode())
