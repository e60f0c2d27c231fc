# Big-string workloads of issue 22 item 4: repeated `+=` (in a function, on a
# module global, on an attribute) and character access on a long non-ASCII
# str (indexing, slicing, find with a start, upper). Prints one line per
# case, "case: SECONDS", then "elapsed: TOTAL".
# Usage: str_big.py [CASE ...]   (default: all cases)
import sys
import time


def concat_local(n=200_000):
    s = ""
    for _ in range(n):
        s += "abcdefghij"
    return len(s)


g = ""


def concat_global(n=100_000):
    global g
    g = ""
    for _ in range(n):
        g += "abcdefghij"
    return len(g)


class Box:
    pass


def concat_attr(n=100_000):
    b = Box()
    b.s = ""
    for _ in range(n):
        b.s += "abcdefghij"
    return len(b.s)


def concat_nonascii(n=200_000):
    s = ""
    for _ in range(n):
        s += "héllo wörld"
    return len(s), s[n * 11 - 3]


def index_nonascii(n=200_000):
    s = "é" * 400_000
    t = 0
    for i in range(n):
        t += s[i * 2] == "é"
    return t


BIG = "é" * 600_000 + "ab" * 300_000


def slice_nonascii(n=1_000):
    t = 0
    for i in range(n):
        t += len(BIG[i * 1000:i * 1000 + 10])
    return t


def find_nonascii(n=1_000):
    t = 0
    for i in range(n):
        t += BIG.find("é", i * 1000)
    return t


def upper_nonascii(n=1):
    t = 0
    for _ in range(n):
        t += len(BIG.upper())
    return t


CASES = {f.__name__: f for f in (concat_local, concat_global, concat_attr, concat_nonascii,
                                  index_nonascii, slice_nonascii, find_nonascii,
                                  upper_nonascii)}

total = 0.0
for name in sys.argv[1:] or CASES:
    t0 = time.perf_counter()
    r = CASES[name]()
    dt = time.perf_counter() - t0
    total += dt
    print(f"{name}: {dt:.4f} {r}")
print("elapsed: %.6f" % total)
