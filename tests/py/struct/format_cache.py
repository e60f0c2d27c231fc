# Module-level struct functions reuse parsed formats (a per-thread cache in
# front of the module's); results must not depend on it: formats that differ
# only in byte order or type of the format object, _clearcache between calls,
# many formats in turn (past any cache size), and threads each using their own
# formats, plus every integer size in both byte orders.
import struct
import threading

vals = (1, -2, 3, -4, 5)
for fmt in ["<bhiqb", ">bhiqb", "!bhiqb", "=bhiqb", b"<bhiqb", "@bhiqb"]:
    b = struct.pack(fmt, *vals)
    print(repr(fmt), b.hex(), struct.unpack(fmt, b), struct.calcsize(fmt))

# same bytes as a str and a bytes format
print(struct.unpack("<I", b"\x01\x02\x03\x04"), struct.unpack(b"<I", b"\x01\x02\x03\x04"))

# every unsigned and signed size, both orders, extreme values
for order in "<>":
    for code, lo, hi in [("B", 0, 255), ("b", -128, 127), ("H", 0, 65535),
                         ("h", -32768, 32767), ("I", 0, 2**32 - 1), ("i", -2**31, 2**31 - 1),
                         ("Q", 0, 2**64 - 1), ("q", -2**63, 2**63 - 1)]:
        f = order + code * 3
        b = struct.pack(f, lo, hi, (lo + hi) // 2)
        print(f, b.hex(), struct.unpack(f, b))

# many formats in turn, then the first again
for n in range(1, 30):
    f = "<%di" % n
    assert struct.unpack(f, struct.pack(f, *range(n))) == tuple(range(n))
print(struct.unpack("<3i", struct.pack("<3i", 7, 8, 9)))

# _clearcache between calls changes nothing
b = struct.pack("<hq", -5, 2**40)
struct._clearcache()
print(struct.unpack("<hq", b))
struct._clearcache()
print(struct.calcsize("<hq"), struct.calcsize("hq"))

# records longer than 16 values
f = "<20h"
print(struct.unpack(f, struct.pack(f, *range(-10, 10))))

# bad formats still raise after good ones were cached
for bad in ["<4z", "i" * 3 + "Y", "\u00e9"]:
    try:
        struct.unpack(bad, b"")
    except (struct.error, UnicodeEncodeError) as e:
        print(type(e).__name__ + ":", e)

# threads with their own formats
results = {}


def work(t):
    f = "<" + "bhiq"[t % 4] * (t + 1)
    out = []
    for i in range(2000):
        vals = tuple((i + k) % 100 for k in range(t + 1))
        b = struct.pack(f, *vals)
        if struct.unpack(f, b) != vals:
            out.append(i)
        if i % 500 == 0:
            struct._clearcache()
    results[t] = (f, len(out))


ts = [threading.Thread(target=work, args=(t,)) for t in range(6)]
for t in ts:
    t.start()
for t in ts:
    t.join()
print(sorted(results.items()))
