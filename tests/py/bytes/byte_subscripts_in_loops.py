# bytes[i], bytearray[i] and bytearray[i] = x in loops, where the interpreter
# reads and writes the byte directly, beside the cases it must leave to the
# general path: negative and out-of-range indexes, bool indexes, values out of
# range or of other types, subclasses with their own __getitem__/__setitem__,
# a bytearray shared with another thread, slices.
import threading

b = bytes(range(10))
ba = bytearray(b)
for i in range(-10, 10):
    assert b[i] == ba[i] == i % 10
print(b[True], ba[False], b[-1], ba[-10])
for seq in (b, ba):
    for i in (10, -11, 1 << 40):
        try:
            seq[i]
        except IndexError as e:
            print(type(seq).__name__, i, "IndexError", e)

def fill(n):
    m = bytearray(n)
    for i in range(n):
        m[i] = (i * 7) & 255
    for i in range(-1, -n - 1, -3):
        m[i] = 1
    return m

m = fill(40)
print(bytes(m).hex())
for bad in (256, -1, 1.0, "a", None):
    try:
        m[0] = bad
    except (TypeError, ValueError) as e:
        print(repr(bad), type(e).__name__, e)
for i in (40, -41):
    try:
        m[i] = 0
    except IndexError as e:
        print(i, "IndexError", e)
m[True] = 9
print(m[1], len(m))

class Loud(bytearray):
    def __setitem__(self, i, v):
        print("set", i, v)
        super().__setitem__(i, v)
    def __getitem__(self, i):
        print("get", i)
        return super().__getitem__(i)

class Quiet(bytes):
    def __getitem__(self, i):
        return -1

lo = Loud(3)
for i in range(3):
    lo[i] = i + 1
print(lo[2], bytes(lo))
q = Quiet(b"xyz")
print([q[i] for i in range(3)])

# A subclass that keeps bytearray's own methods behaves as bytearray.
class Plain(bytearray):
    pass

p = Plain(4)
for i in range(4):
    p[i] = 65 + i
print(p, p[0], p[-1])

# Slices still take the general path.
s = bytearray(b"abcdef")
s[1:3] = b"XY"
s[::2] = b"123"
print(s, s[1:4], b"abcdef"[::-2])

# A bytearray shared between threads: each writer stores its own bytes;
# no write is lost.
shared = bytearray(64)

def writer(k):
    for _ in range(200):
        for i in range(k, 64, 4):
            shared[i] = k + 1

ts = [threading.Thread(target=writer, args=(k,)) for k in range(4)]
for t in ts:
    t.start()
for t in ts:
    t.join()
print(sorted(set(shared)), sum(shared))
