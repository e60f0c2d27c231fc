# str.join and concatenation copy every piece whole, whatever its length
# (1-3, 4-7, 8-15 and 16+ bytes take different copies), with an empty or a
# non-empty separator, ASCII or not, from lists, tuples, deques and
# generators; errors name the offending item as CPython does.
from collections import deque

alphabet = "abcdefghijklmnopqrstuvwxyzé€𝄞"
pieces = [alphabet[i % 7:(i % 7) + n] for i, n in enumerate(range(0, 29))]
print([len(p) for p in pieces])
for sep in ["", "-", ", ", "::", "é", "<sep-of-16-bytes>"]:
    for seq in (pieces, tuple(pieces), deque(pieces), (p for p in pieces)):
        s = sep.join(seq)
        print(type(seq).__name__, len(s), s[:40], s[-30:], hash(s) == hash(s[:]))
    print(sep.join(pieces[:3]), sep.join(pieces[5:21]) == sep.join(list(pieces[5:21])))

# Every exact length from 0 to 40 round-trips through join and +.
for n in range(41):
    p = ("xyzw" * 11)[:n]
    q = "".join([p, p, p])
    assert q == p + p + p and len(q) == 3 * n, n
    assert "|".join([p] * 5).split("|") == [p] * 5, n
print("lengths ok")

big = ["row%d" % i for i in range(3000)]
print(len("".join(big)), "".join(big)[-20:], len("\n".join(big)))
print(repr("".join([])), repr("x".join(["only"])), "".join(["a"]) is not None)

for bad in (["a", 1, "b"], ("a", b"b"), deque(["x", None])):
    try:
        "".join(bad)
    except TypeError as e:
        print("TypeError:", e)
try:
    "".join(5)
except TypeError as e:
    print("TypeError:", e)


class RaisingIter:
    def __iter__(self):
        raise TypeError("from __iter__")


for bad in (RaisingIter(), None):
    for sep in ("", b""):
        try:
            sep.join(bad)
        except TypeError as e:
            print(type(sep).__name__, "TypeError:", e)
