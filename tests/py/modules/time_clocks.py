# The clocks of the time module: result types, ordering, float/ns agreement,
# CPU clocks that grow with work but not across sleep, clock ids,
# get_clock_info. Only relations are printed (no clock values).
import threading
import time

FLOAT_CLOCKS = ["time", "monotonic", "perf_counter", "process_time", "thread_time"]

for name in FLOAT_CLOCKS:
    f = getattr(time, name)
    fns = getattr(time, name + "_ns")
    print(name, type(f()).__name__, type(fns()).__name__, f() >= 0, fns() >= 0)

# Monotonic clocks never go back.
for name in ["monotonic", "perf_counter", "monotonic_ns", "perf_counter_ns"]:
    f = getattr(time, name)
    prev = f()
    ok = True
    for _ in range(2000):
        cur = f()
        if cur < prev:
            ok = False
        prev = cur
    print(name, "non-decreasing:", ok)

# The float and nanosecond forms read the same clock.
for name, tol in [("time", 1e-4), ("monotonic", 1e-6), ("perf_counter", 1e-6),
                  ("process_time", 1e-6), ("thread_time", 1e-6)]:
    f = getattr(time, name)
    fns = getattr(time, name + "_ns")
    a = fns()
    b = f()
    c = fns()
    print(name, "float between ns reads:", a / 1e9 - tol <= b <= c / 1e9 + tol)

# perf_counter and monotonic are the same clock on Linux (CPython 3.11).
print("perf_counter ~ monotonic:", abs(time.perf_counter() - time.monotonic()) < 0.5)
print("time is after 2020:", time.time() > 1577836800, time.time_ns() > 1577836800 * 10**9)

# clock_gettime with the clock ids behind the functions.
pairs = [
    (time.CLOCK_REALTIME, time.time, 1e-3),
    (time.CLOCK_MONOTONIC, time.monotonic, 1e-6),
    (time.CLOCK_PROCESS_CPUTIME_ID, time.process_time, 1e-6),
    (time.CLOCK_THREAD_CPUTIME_ID, time.thread_time, 1e-6),
]
for clk, f, tol in pairs:
    a = f()
    b = time.clock_gettime(clk)
    c = f()
    ns = time.clock_gettime_ns(clk)
    d = f()
    print("clock", clk, type(b).__name__, type(ns).__name__,
          a - tol <= b <= c + tol, c - tol <= ns / 1e9 <= d + tol)
for clk in [time.CLOCK_MONOTONIC_RAW, time.CLOCK_BOOTTIME, time.CLOCK_TAI]:
    a = time.clock_gettime(clk)
    b = time.clock_gettime(clk)
    print("clock", clk, "readable:", type(a).__name__, a > 0, b >= a)
for clk in [time.CLOCK_REALTIME, time.CLOCK_MONOTONIC, time.CLOCK_PROCESS_CPUTIME_ID,
            time.CLOCK_THREAD_CPUTIME_ID]:
    r = time.clock_getres(clk)
    print("getres", clk, type(r).__name__, 0 < r <= 0.01)

print("constants:", time.CLOCK_REALTIME, time.CLOCK_MONOTONIC, time.CLOCK_MONOTONIC_RAW,
      time.CLOCK_PROCESS_CPUTIME_ID, time.CLOCK_THREAD_CPUTIME_ID, time.CLOCK_BOOTTIME,
      time.CLOCK_TAI, time._STRUCT_TM_ITEMS)


def burn(clock, seconds):
    """Busy-loops until `clock` advanced by `seconds` (CPU time: ends whatever the load)."""
    start = clock()
    n = 0
    while clock() - start < seconds:
        n += 1
    return n


# CPU clocks grow with work ...
for name in ["process_time", "thread_time"]:
    f = getattr(time, name)
    a = f()
    burn(f, 0.03)
    b = f()
    print(name, "grows with work:", b - a >= 0.03)

# ... but not while the thread sleeps (monotonic time does).
m0 = time.monotonic()
p0 = time.process_time()
t0 = time.thread_time()
tn0 = time.thread_time_ns()
time.sleep(0.15)
m1 = time.monotonic()
p1 = time.process_time()
t1 = time.thread_time()
tn1 = time.thread_time_ns()
print("slept >= 0.15:", m1 - m0 >= 0.15)
print("process_time across sleep < 0.08:", p1 - p0 < 0.08)
print("thread_time across sleep < 0.08:", t1 - t0 < 0.08, tn1 - tn0 < 80_000_000)

# Each thread has its own CPU clock; pthread_getcpuclockid names it.
main_ident = threading.get_ident()
main_clk = time.pthread_getcpuclockid(main_ident)
print("main clock id is an int:", type(main_clk).__name__)
a = time.thread_time()
b = time.clock_gettime(main_clk)
c = time.thread_time()
print("main clock reads thread_time:", a - 1e-6 <= b <= c + 1e-6)

results = {}
started = threading.Event()
release = threading.Event()


def worker():
    me = threading.get_ident()
    clk = time.pthread_getcpuclockid(me)
    x = time.thread_time()
    burn(time.thread_time, 0.05)
    y = time.clock_gettime(clk)
    z = time.thread_time()
    results["own clock"] = x + 0.05 - 1e-6 <= y <= z + 1e-6
    results["same id twice"] = time.pthread_getcpuclockid(me) == clk
    results["main clock from worker"] = time.clock_gettime(
        time.pthread_getcpuclockid(main_ident)) > 0
    results["cpu"] = z
    started.set()
    release.wait()


w = threading.Thread(target=worker)
main_before = time.thread_time()
w.start()
started.wait()
worker_clk = time.pthread_getcpuclockid(w.ident)
seen = time.clock_gettime(worker_clk)
release.set()
w.join()
main_after = time.thread_time()
print("worker own clock:", results["own clock"])
print("worker id stable:", results["same id twice"])
print("main clock read from worker:", results["main clock from worker"])
print("worker clock seen from main:", seen >= 0.05 and seen + 1e-6 >= results["cpu"])
print("worker ids differ:", worker_clk != main_clk)
print("main thread_time while worker burned < 0.04:", main_after - main_before < 0.04)

# get_clock_info
for name in ["time", "monotonic", "perf_counter", "process_time", "thread_time"]:
    info = time.get_clock_info(name)
    print(name, info.implementation, info.monotonic, info.adjustable,
          type(info.resolution).__name__, 0 < info.resolution <= 1e-3)
info = time.get_clock_info("time")
print(type(info).__name__, sorted(vars(info)))
print(repr(info).startswith("namespace(implementation='clock_gettime(CLOCK_REALTIME)', "
                            "monotonic=False, adjustable=True, resolution="))

# sleep accepts ints, floats, bools and __index__ objects.
class Zero:
    def __index__(self):
        return 0


for v in [0, 0.0, -0.0, False, 0.001, Zero()]:
    start = time.monotonic()
    r = time.sleep(v)
    print("sleep", type(v).__name__, r, time.monotonic() - start >= (0.001 if v == 0.001 else 0))

# get_clock_info's result is a types.SimpleNamespace.
NS = type(time.get_clock_info("monotonic"))
print(NS, NS.__name__, NS.__module__)
n = NS(b=1, a="two")
n.c = n
print(n, n.a, n == NS(b=1, a="two"), NS(x=1) == NS(x=1), NS(x=1) != NS(x=2))
print(time.get_clock_info("thread_time") == time.get_clock_info("thread_time"))
info = time.get_clock_info("process_time")
info.extra = [1]
del info.resolution
print(info)
try:
    NS(1)
except TypeError as e:
    print("TypeError:", e)
try:
    hash(NS())
except TypeError as e:
    print("TypeError:", e)
