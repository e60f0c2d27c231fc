# bytes in dicts and sets; bytearray unhashable
d = {b"one": 1, b"two": 2}
d[b"three"] = 3
print(sorted(d.items()), d[b"two"], b"one" in d, bytearray(b"one") in [b"one"])
try:
    d[bytearray(b"one")]
except TypeError as e:
    print(type(e).__name__, e)
s = {b"x", b"y", b"x", bytes([120])}
print(sorted(s), len(s))
try:
    {bytearray(b"a")}
except TypeError as e:
    print(type(e).__name__, e)
print(b"a" == "a", {b"a": 1}.get("a"), {"a": 1}.get(b"a"))
fs = frozenset([b"p", b"q"])
print(sorted(fs), b"p" in fs)
counts = {}
for chunk in [b"ab", b"cd", b"ab", b"ef", b"ab"]:
    counts[chunk] = counts.get(chunk, 0) + 1
print(sorted(counts.items(), key=lambda kv: (-kv[1], kv[0])))
