# Names, classes and code made at run time are collected when unused, while
# the method caches that saw them neither keep them alive nor go stale:
# every lookup after a collection still finds the right attribute.
import gc
import sys
import threading

def make(i):
    name = "meth_%d" % (i % 37)
    attr = "field_%d" % i
    C = type("C%d" % i, (object,), {name: lambda self, k=i: self.base + k})
    c = C()
    setattr(c, "base", 1000)
    setattr(c, attr, i)
    return C, c, name, attr

total = 0
for i in range(3000):
    C, c, name, attr = make(i)
    total += getattr(c, name)() + getattr(c, attr)
    if i % 500 == 0:
        gc.collect()
    # A method name reused by a later class, after the old class died.
    if i % 7 == 0:
        gc.collect()
        again = type("D", (object,), {name: lambda self: -1})()
        total += getattr(again, name)()
print("total", total)

# sys.intern: the same object while someone holds it.
a = sys.intern("".join(["run", "time", "_name_", str(12345)]))
gc.collect()
b = sys.intern("runtime_name_" + "12345")
print("intern identity kept:", a is b)

# Code from exec, with names that exist nowhere else, called after the
# collections that dropped the earlier ones.
results = []
for i in range(400):
    ns = {}
    exec("def f_%d(unique_arg_%d):\n    return unique_arg_%d * 2\n" % (i, i, i), ns)
    results.append(ns["f_%d" % i](i))
    if i % 100 == 99:
        gc.collect()
print("exec results ok:", results == [2 * i for i in range(400)])

# Threads defining and using classes while another thread collects.
errors = []
def worker(t):
    acc = 0
    for i in range(1500):
        C = type("W", (object,), {"m_%d" % (i % 11): (lambda self, v=i: v)})
        o = C()
        setattr(o, "w_%d_%d" % (t, i), i)
        acc += getattr(o, "m_%d" % (i % 11))() + getattr(o, "w_%d_%d" % (t, i))
    if acc != 2 * sum(range(1500)):
        errors.append((t, acc))

def collector():
    for _ in range(30):
        gc.collect()

ts = [threading.Thread(target=worker, args=(t,)) for t in range(3)]
ts.append(threading.Thread(target=collector))
for t in ts:
    t.start()
for t in ts:
    t.join()
print("threads ok:", errors == [])
