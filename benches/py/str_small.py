# Everyday small-string work (ASCII and short non-ASCII): concatenation,
# indexing, slicing, f-strings, split/join, dict keys, comparisons. Guards
# the common paths against regressions from the big-string machinery.
# Usage: str_small.py [N]
import sys
import time

n = int(sys.argv[1]) if len(sys.argv) > 1 else 200_000
words = ["alpha", "beta", "gamma", "délta", "epsilon", "zeta", "ēta", "theta"]
t0 = time.perf_counter()
acc = 0
d = {}
for i in range(n):
    w = words[i % 8]
    s = w + "-" + str(i)
    acc += len(s) + (s[1] == "l") + len(s[1:4])
    t = f"{w}:{i % 97}"
    d[t] = d.get(t, 0) + 1
    if s < t:
        acc += 1
    line = "a,b,c," + w
    acc += len(line.split(",")) + len("/".join((w, w)))
    u = w
    u += "x"
    u += "yz"
    acc += u.find("x") + w.upper().count("A")
print("checksum:", acc, len(d))
print("elapsed: %.6f" % (time.perf_counter() - t0))
