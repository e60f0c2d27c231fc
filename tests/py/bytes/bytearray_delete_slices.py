# Deleting slices of a bytearray: contiguous runs (either direction),
# extended slices, out-of-range and empty slices, on a local bytearray, one
# reachable from a module global, and one whose slice bounds run Python code.
import threading


def check(label, make, key):
    b = make()
    ref = list(b)
    del b[key]
    del ref[key]
    ok = list(b) == ref
    print(label, repr(key), len(b), bytes(b[:8]), "ok" if ok else "MISMATCH")


def local():
    return bytearray(range(40))


KEYS = [
    slice(None, 5), slice(5, None), slice(3, 9), slice(-4, None), slice(10, 2),
    slice(None, None, -1), slice(9, 3, -1), slice(None, None, 3),
    slice(1, 30, 7), slice(30, 1, -4), slice(100, 200), slice(-100, 3),
    slice(0, 0), slice(5, 6), slice(6, 5, -1), slice(None, None, 1),
]
for k in KEYS:
    check("local", local, k)

shared = {}


def global_ba():
    shared["b"] = bytearray(range(40))
    return shared["b"]


for k in KEYS:
    check("global", global_ba, k)

# The stream-buffer pattern: send a prefix, delete it, append more.
buf = bytearray()
out = bytearray()
for i in range(50):
    buf.extend(bytes([i % 256]) * (i * 37 % 300 + 1))
    n = len(buf) // 3 + 1
    out += buf[:n]
    del buf[:n]
out += buf
print("stream", len(out), sum(out) % 65521)


class Idx:
    def __init__(self, b, v):
        self.b, self.v = b, v

    def __index__(self):
        # The slice's bound shortens the bytearray while it is read.
        del self.b[-10:]
        return self.v


b = bytearray(range(30))
del b[Idx(b, 15):]
print("bound shrinks", len(b), list(b)[-3:])
b = bytearray(range(30))
del b[Idx(b, 5):Idx(b, 100)]
print("both bounds shrink", len(b), list(b))

# A deletion on a bytearray shared by two threads is one atomic step.
big = bytearray(b"ab" * 50000)
done = []


def reader():
    seen = set()
    for _ in range(2000):
        seen.add(len(big) % 2)
    done.append(seen)


t = threading.Thread(target=reader)
t.start()
for _ in range(200):
    del big[:200]
    big.extend(b"ab" * 100)
t.join()
print("threads", len(big), bytes(big[:4]), done[0] == {0})

for obj, key in [(b"abc", slice(1)), (b"abc", 0), ((1, 2), 0), ((1, 2), "x"), (5, 0)]:
    try:
        del obj[key]
    except TypeError as e:
        print("TypeError", e)
