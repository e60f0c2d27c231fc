# `b += piece` in a loop builds bytes in linear time (the result of `+=` is
# extended in place while nothing else extended it first); every other
# reference keeps the value it had. The results must behave as any bytes.
import base64
import hashlib
import marshal
import pickle
import struct
import threading
import zlib

b = b""
for i in range(3000):
    b += bytes([i % 256, 65 + i % 26])
print(len(b), b[:8], b[-6:], hash(b) == hash(bytes(list(b))))

# Aliases keep their value; two results grown from one base are distinct.
base = b"x" * 70
base += b"y"
alias = base
base += b"z"
other = alias + b"w"
other2 = alias
other2 += b"v"
print(alias[-3:], base[-3:], other[-3:], other2[-3:], len(alias), len(base))
print(base == alias + b"z", other == alias + b"w", other2 == alias + b"v")

# Operations on a grown value.
g = b"abc,def;" * 10
g += b"ghi"
print(g.split(b";")[-1], g.find(b"ghi"), g.count(b","), g.upper()[-5:])
print(g.decode("ascii")[-6:], g.hex()[-6:], g[::-17], g[5:9])
print(g.replace(b"abc", b"A")[:12], g.startswith(b"abc"), g.endswith(b"ghi"))
print(b"ghi" in g, g[-1], list(g[-3:]), bytes(g) is g, repr(g[-10:]))
d = {g: 1}
print(d[b"abc,def;" * 10 + b"ghi"], g < g + b"\0", max(g), min(g))
print(int.from_bytes(g[-3:], "big"), struct.unpack("<3s", g[-3:]))
print(pickle.loads(pickle.dumps(g)) == g, marshal.loads(marshal.dumps(g)) == g)
print(zlib.decompress(zlib.compress(g)) == g, hashlib.sha256(g).hexdigest()[:16])
print(base64.b64encode(g)[-8:], memoryview(g)[-3:].tobytes(), bytearray(g)[-3:])
print(b"-".join([g[-3:], g[:3]]), b"%s|%d" % (g[-3:], len(g)), g * 0, (g * 2)[-4:])
print(type(g).__name__, isinstance(g, bytes), g.__class__ is bytes)
try:
    g.foo = 1
except AttributeError as e:
    print("AttributeError:", e)
try:
    g += "str"
except TypeError as e:
    print("TypeError:", e)
try:
    g[0] = 1
except TypeError as e:
    print("TypeError:", e)
e = b"q" * 80
e += b""
print(len(e), e is e + b"")

# Mixed operands: bytearray and memoryview on the right go the general way.
m = b"m" * 64
m += bytearray(b"BA")
m += memoryview(b"MV")
print(m[-4:], type(m).__name__)

# A bytes subclass stays on the general path and keeps its class.
class B(bytes):
    pass
s = B(b"s" * 70)
s += b"t"
print(type(s).__name__, len(s))

# Module-level (shared) and concurrent growth from one shared base: each
# thread's own results are intact.
shared = b"S" * 100
shared += b"!"
out = {}
def grow(k):
    x = shared
    for i in range(2000):
        x += bytes([k])
    out[k] = x
ts = [threading.Thread(target=grow, args=(k,)) for k in range(4)]
for t in ts:
    t.start()
for t in ts:
    t.join()
print([(len(out[k]), out[k][:101] == shared, out[k][101:] == bytes([k]) * 2000) for k in range(4)])
print(len(shared), shared[-2:])
