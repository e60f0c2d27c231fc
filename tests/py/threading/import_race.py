# Threads importing one module at the same time: its body runs once, and
# every thread gets the finished module (the others wait on its import
# lock). Two threads importing two modules that import each other finish
# (the cycle is detected and the partial module returned, as CPython does).
import os
import sys
import tempfile
import threading

d = tempfile.mkdtemp()
sys.path.insert(0, d)


def write(name, text):
    with open(os.path.join(d, name + ".py"), "w") as f:
        f.write(text)


write("slow_mod", """
import time
RUNS = []
RUNS.append(1)
A = 1
time.sleep(0.2)
B = 2
""")

results = []
errors = []


def use_slow():
    try:
        import slow_mod
        results.append((slow_mod.A, slow_mod.B, len(slow_mod.RUNS)))
    except Exception as e:
        errors.append(repr(e))


ts = [threading.Thread(target=use_slow) for _ in range(6)]
for t in ts:
    t.start()
for t in ts:
    t.join()
print(results, errors)

# A failing module: the first thread gets the exception; a thread that saw
# the partial module in sys.modules waits for its lock and gets that module
# object (CPython's behaviour), one that came later runs the import again
# and gets the exception: which of the two depends on timing.
write("bad_mod", """
import time
time.sleep(0.1)
raise ValueError("bad module")
""")
seen = []


def use_bad():
    try:
        import bad_mod
        seen.append("imported")
    except ValueError as e:
        seen.append(str(e))


ts = [threading.Thread(target=use_bad) for _ in range(3)]
for t in ts:
    t.start()
for t in ts:
    t.join()
print(len(seen), "bad module" in seen, set(seen) <= {"bad module", "imported"},
      "bad_mod" in sys.modules)

# Crossed imports in two threads.
write("cross_a", """
import time
time.sleep(0.1)
import cross_b
X = "a"
""")
write("cross_b", """
import time
time.sleep(0.1)
import cross_a
X = "b"
""")
out = []


def imp(name):
    m = __import__(name)
    out.append((name, m.X))


ts = [threading.Thread(target=imp, args=(n,)) for n in ("cross_a", "cross_b")]
for t in ts:
    t.start()
for t in ts:
    t.join()
print(sorted(out))
