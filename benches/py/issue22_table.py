# The rows of issue 22's table that are timings, one case per run:
#   issue22_table.py CASE
# concat_fn (s += piece 200,000 times in a function), concat_global (100,000
# times on a global), nonascii_index (200,000 s[i] of a 400,000-char non-ASCII
# str), slice_find (1,000 slices and 1,000 find(x, i) of a 1.2M-char one, after
# a first index), upper (upper() of that str), setand (set(range(10**6)) &
# set(range(0, 10**6, 2))), none64 ([None] * 64, 500,000 times in a function),
# dict1m and instances (build a dict of 1,000,000 ints / 1,000,000 instances
# with two attributes: run under /usr/bin/time -f %M for the peak RSS).
# Prints the case and its seconds; run it under ProtoPy and /usr/bin/python3,
# alternating. Sorting: sort_cases.py.
import sys
import time


def concat_fn():
    s = ""
    for i in range(200000):
        s += "abcdefghij"
    return len(s)


def nonascii_index():
    s = "é" * 400000
    t0 = time.perf_counter()
    for i in range(200000):
        s[i]
    return time.perf_counter() - t0


def slice_find():
    s = ("é" * 100 + "x") * 12000
    s[3:4]
    t0 = time.perf_counter()
    for i in range(1000):
        s[i * 1000:i * 1000 + 10]
        s.find("x", i * 1000)
    return time.perf_counter() - t0


def upper():
    s = ("é" * 100 + "x") * 12000
    t0 = time.perf_counter()
    s.upper()
    return time.perf_counter() - t0


def setand():
    return len(set(range(10**6)) & set(range(0, 10**6, 2)))


def none64():
    for i in range(500000):
        [None] * 64


class P:
    def __init__(self, a, b):
        self.a = a
        self.b = b


def instances():
    return len([P(i, i) for i in range(1000000)])


def dict1m():
    return len({i: i for i in range(1000000)})


case = sys.argv[1]
t0 = time.perf_counter()
if case == "concat_global":
    s = ""
    for i in range(100000):
        s += "abcdefghij"
    r = None
else:
    r = globals()[case]()
t = r if isinstance(r, float) else time.perf_counter() - t0
print("%s %.4f" % (case, t))
