# Builtin values through pickle.dumps/loads at every protocol: the exact
# bytes (they must equal CPython's), the value read back, and its type.
import pickle

values = [
    None, True, False, 0, 1, -1, 127, 255, 256, 65535, 65536, -129,
    2**31 - 1, -2**31, 2**31, -2**31 - 1, 2**62, 2**63, -2**64, 2**200, -(2**200) + 7,
    0.0, -0.0, 1.5, -2.25, 1e300, 1e-300, float("inf"), float("-inf"),
    "", "a", "hello world", "caf\xe9", "\u20ac\u4e2d", "\U0001f600 smile",
    "back\\slash\nnew\rret\x00nul\x1aeof",
    b"", b"abc", bytes(range(10)), bytearray(b"xy"), bytearray(),
    (), (1,), (1, 2), (1, 2, 3), (1, 2, 3, 4), [], [1], [1, "two", 3.0],
    {}, {"k": "v"}, {1: [2, 3], "x": (4, 5)}, set(), {7}, frozenset(), frozenset({"f"}),
    Ellipsis, NotImplemented, type(None), int, str, dict, complex(1.5, -2),
]

for proto in range(pickle.HIGHEST_PROTOCOL + 1):
    print("protocol", proto)
    for v in values:
        data = pickle.dumps(v, proto)
        back = pickle.loads(data)
        ok = back == v or (v != v and back != back)
        print(" ", repr(v)[:40], data, ok, type(back).__name__)

# Shared and recursive structures keep their shape.
shared = [1, 2]
outer = [shared, shared, (shared,)]
rec = [0]
rec.append(rec)
d = {}
d["self"] = d
for proto in range(pickle.HIGHEST_PROTOCOL + 1):
    a = pickle.loads(pickle.dumps(outer, proto))
    r = pickle.loads(pickle.dumps(rec, proto))
    dd = pickle.loads(pickle.dumps(d, proto))
    print(proto, a[0] is a[1], a[2][0] is a[0], r[1] is r, dd["self"] is dd)
    print(" ", pickle.dumps(rec, proto), pickle.dumps(outer, proto))

# Batching of large containers (APPENDS / SETITEMS / ADDITEMS per 1000 items).
big_list = list(range(2500))
big_dict = {i: -i for i in range(2100)}
big_set = set(range(1500))
for proto in (1, 2, 4, 5):
    for v in (big_list, big_dict, big_set):
        data = pickle.dumps(v, proto)
        print(proto, type(v).__name__, len(data), data.count(b"e"), data.count(b"u"), pickle.loads(data) == v)

# Framing (protocol 4+): a long string is written outside the frames.
s = "z" * 70000
data = pickle.dumps([1, s, 2], 4)
print(len(data), data[:12], data[-8:], pickle.loads(data)[1] == s)
print(pickle.DEFAULT_PROTOCOL, pickle.HIGHEST_PROTOCOL, pickle.dumps(1) == pickle.dumps(1, 4))
print(pickle.dumps(5, -1), pickle.dumps("a", protocol=None))
