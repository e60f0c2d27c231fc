# building bytes incrementally and iterating
buf = bytearray()
for i in range(5):
    buf += bytes([65 + i])
    buf.append(97 + i)
print(buf, bytes(buf), len(buf))
chunks = [b"ab", b"cd", b"ef"]
print(b"".join(chunks), b"|".join(chunks), b"".join(c.upper() for c in chunks))
out = b""
for c in chunks:
    out = c + out
print(out)
print([b for b in b"\x01\x02"], [bytes([b]) for b in b"xy"], list(reversed(b"abc")), sorted(b"cab"))
print(b"abc"[0:1] == b"a", b"abc"[0] == 97, b"abc"[0] == b"a", bytes([b"abc"[0]]) == b"a")
enc = bytearray()
for word in ["hi", "there"]:
    data = word.encode()
    enc.append(len(data))
    enc.extend(data)
print(enc)
pos = 0
decoded = []
while pos < len(enc):
    n = enc[pos]
    decoded.append(enc[pos + 1:pos + 1 + n].decode())
    pos += 1 + n
print(decoded)
