# Sorting speed: sorted() of 1,000,000 random ints, 300,000 random strs, the strs
# with key=len, and sorted, reversed and partly ordered lists of 1,000,000 ints.
# Prints the best of three times per case; run it under ProtoPy and under
# /usr/bin/python3, alternating (docs/PERFORMANCE.md, "Stop 75").
import random, time
random.seed(5)
ints = [random.randrange(10**9) for _ in range(1000000)]
strs = [str(random.random()) for _ in range(300000)]
srt = sorted(ints)
def t(f):
    best = 1e9
    for _ in range(3):
        t0 = time.perf_counter(); f(); best = min(best, time.perf_counter() - t0)
    return best
print("ints   %.4f" % t(lambda: sorted(ints)))
print("strs   %.4f" % t(lambda: sorted(strs)))
print("key    %.4f" % t(lambda: sorted(strs, key=len)))
print("sorted %.4f" % t(lambda: sorted(srt)))
print("rev    %.4f" % t(lambda: sorted(srt, reverse=True)))
part = srt[:]
for i in range(0, len(part), 1000): part[i] = random.randrange(10**9)
print("part   %.4f" % t(lambda: sorted(part)))
