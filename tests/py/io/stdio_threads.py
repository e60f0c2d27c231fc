# Eight threads write 2,000 lines each to the same sys.stdout, each line in
# one write() call (print with end="" makes one write of the text too); a
# child process does it with its stdout a pipe (block-buffered), and the
# parent checks that every line arrived exactly once and whole.
import subprocess
import sys

CHILD = r'''
import sys, threading
def worker(t):
    for i in range(2000):
        if i % 3 == 0:
            print("thread %d line %d %s\n" % (t, i, "x" * (i % 37)), end="")
        elif i % 3 == 1:
            sys.stdout.write("thread %d line %d %s\n" % (t, i, "y" * (i % 41)))
        else:
            sys.stdout.write("thread %d line %d %s\n" % (t, i, "z" * (i % 13)))
        if i % 500 == 0:
            sys.stdout.flush()
ts = [threading.Thread(target=worker, args=(t,)) for t in range(8)]
for t in ts:
    t.start()
for t in ts:
    t.join()
'''

r = subprocess.run([sys.executable, "-c", CHILD], stdout=subprocess.PIPE,
                   stderr=subprocess.PIPE)
print("exit", r.returncode, "stderr", r.stderr)
lines = r.stdout.decode().split("\n")
print("trailing newline", lines[-1] == "")
lines = lines[:-1]
print("lines", len(lines))
seen = set()
bad = 0
for line in lines:
    parts = line.split(" ")
    try:
        t, i = int(parts[1]), int(parts[3])
        fill = {0: "x" * (i % 37), 1: "y" * (i % 41), 2: "z" * (i % 13)}[i % 3]
        ok = parts[0] == "thread" and parts[2] == "line" and parts[4:] == [fill]
    except (IndexError, ValueError):
        ok = False
    if not ok:
        bad += 1
    seen.add((t, i) if ok else None)
print("malformed", bad)
print("distinct", len(seen - {None}))
print("all present", seen - {None} == {(t, i) for t in range(8) for i in range(2000)})
# Per thread, its lines keep their order.
order_ok = True
last = {}
for line in lines:
    parts = line.split(" ")
    try:
        t, i = int(parts[1]), int(parts[3])
    except (IndexError, ValueError):
        order_ok = False
        continue
    if last.get(t, -1) >= i:
        order_ok = False
    last[t] = i
print("per-thread order", order_ok)
