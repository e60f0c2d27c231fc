# Tuples of bytes as dict and set keys, compared and hashed; one-byte and
# empty bytes are shared objects, as in CPython; bytes subclasses keep
# their own __hash__ and __eq__.
pieces = [[bytes([c]) for c in w.encode()] for w in ["hello", "help", "yellow", "hell"]]
h, e, y = b"h", b"", b"y"
print(bytes([104]) is h, bytes(b"") is e, b"xy"[1:] is y, bytes(3)[:0] is e, b"hh"[0:1] is h)
stats = {}
for p in pieces:
    for pair in zip(p[:-1], p[1:]):
        stats[pair] = stats.get(pair, 0) + 1
best = max(stats, key=lambda k: (stats[k], k))
print(best, stats[best], len(stats))
print((b"l", b"l") in stats, (b"l", b"x") in stats, (b"l",) in stats, ("l", "l") in stats)
merged = []
for p in pieces:
    out, i = [], 0
    while i < len(p) - 1:
        if (p[i], p[i + 1]) == best:
            out.append(best[0] + best[1]); i += 2
        else:
            out.append(p[i]); i += 1
    if i == len(p) - 1:
        out.append(p[i])
    merged.append(out)
print(merged)
print((b"a", 1, "s") == (b"a", 1, "s"), (b"a", b"b") != (b"a", b"c"), (b"a",) == (b"a", b""))
print((b"a", 1.0) == (b"a", 1), (b"ab", b"") < (b"ab", b"a"), {(b"a", None): 1}[(b"a", None)])

class Loud(bytes):
    def __eq__(self, other):
        print("Loud.__eq__", bytes(self), other)
        return bytes(self) == other
    __hash__ = bytes.__hash__

class Five(bytes):
    def __hash__(self):
        return 5

print((Loud(b"a"), b"b") == (b"a", b"b"))
d = {(b"a", b"b"): "plain"}
print(d.get((Loud(b"a"), b"b")))
print(hash(Five(b"q")), hash(b"q") == hash(bytes(Five(b"q"))), bytes(Five(b"q")) is b"q"[:])
print({Five(b"q"): 1}.get(b"q"), {b"q": 1}.get(Five(b"q")), {Five(b"q"): 1}.get(Five(b"q")))
s = {b"", b"\x00", bytes(1), bytes([0])}
print(sorted(s), len(s))
try:
    {(b"a", [1]): 0}
except TypeError as e:
    print(type(e).__name__, e)
try:
    (b"a", b"b") < (b"a", "b")
except TypeError as e:
    print(type(e).__name__, e)
