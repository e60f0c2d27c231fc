# Indexing, slicing and searching a long non-ASCII str forward, backward and at
# random (its character index and position hint), and set/dict copies.
s = "héllo wörld ñ " * 50 + "end€"
t = "".join(s[i] for i in range(len(s)))
print(t == s, len(s))
import random
random.seed(1)
idx = [random.randrange(len(s)) for _ in range(2000)]
print("".join(s[i] for i in idx)[:80])
print([s.find("ñ", i) for i in range(0, 700, 37)])
print([s.index("ö", i) for i in range(0, 600, 53)], s[-1], s[-5:], s[100:120], s[::-7][:10])
for i in range(len(s) - 1, -1, -97):
    print(i, s[i], end=" ")
print()
print(s.startswith("ö", 8), s.rfind("é"), s.count("l"))
