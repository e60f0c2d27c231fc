# Soak workload: THREADS threads for SECONDS seconds doing what long-running
# programs do, all of it bounded, so the live data stays small and memory
# must stay flat:
#   - publish results into shared dicts (replacing the last entry) and a
#     shared list that is trimmed to its last LOG_KEEP entries;
#   - exec() of generated function texts (a fresh text each time);
#   - classes made by type() and by class statements, with instances;
#   - setattr() of never-seen attribute names on a long-lived object, with
#     the old names deleted again;
#   - a few-hundred-KB str built by join, checked and dropped.
# Every task checks its own result; at the end the main thread checks that
# the counts add up. Prints "iterations: N" (varies) and a deterministic
# verdict line "soak verdict: ok (T threads)" or "soak verdict: FAIL ...".
# Usage: protopy tests/soak/soak.py SECONDS [THREADS [leak]]
# "leak" makes every thread keep its big strings (about 40 KB per round):
# the driver's negative control (run_soak.py --inject-leak must fail).
import sys
import threading
import time

SECONDS = float(sys.argv[1]) if len(sys.argv) > 1 else 10.0
THREADS = int(sys.argv[2]) if len(sys.argv) > 2 else 8
LOG_KEEP = 500  # entries the shared log keeps
ATTR_KEEP = 64  # attribute names a holder keeps
LEAK = len(sys.argv) > 3 and sys.argv[3] == "leak"
BIG_PARTS = 40000  # parts of the big string: 40000 x 8 chars = 320 KB

latest = {}  # tid -> the thread's last result record (replaced)
tallies = {}  # (tid, kind) -> count, each key written by its own thread only
log = []  # (tid, seq) entries, trimmed under log_lock
log_lock = threading.Lock()
log_appended = [0]  # appends to log, under log_lock
log_trimmed = [0]  # entries dropped from log, under log_lock
errors = []  # messages from failed checks (list.append is atomic)
done_counts = [0] * THREADS
KINDS = ("publish", "exec", "type", "classdef", "setattr", "bigstr")


def check(cond, what):
    if not cond:
        errors.append(what)


class Base:
    def __init__(self, v):
        self.v = v

    def value(self):
        return self.v


class Holder:
    pass


def task_publish(tid, n, state):
    rec = {"tid": tid, "n": n}
    for i in range(50):
        rec["k%d" % i] = n + i
    latest[tid] = rec
    got = latest[tid]
    check(got["tid"] == tid and got["k49"] == n + 49, "publish %d %d" % (tid, n))
    with log_lock:
        log.append((tid, n))
        log_appended[0] += 1
        if len(log) > LOG_KEEP:
            drop = len(log) - LOG_KEEP
            del log[:drop]
            log_trimmed[0] += drop
    state["logged"] += 1


def task_exec(tid, n, state):
    ns = {}
    a = n % 97
    src = "def gen_%d_%d(x):\n    t = 0\n    for i in range(x):\n        t += i * %d\n    return t + %d\n" % (tid, n, a, tid)
    exec(src, ns)
    f = ns["gen_%d_%d" % (tid, n)]
    got = f(20)
    check(got == a * 190 + tid, "exec %d %d: %r" % (tid, n, got))


def task_type(tid, n, state):
    def total(self):
        return self.v + self.extra

    name = "Dyn_%d_%d" % (tid, n)
    C = type(name, (Base,), {"extra": n, "total": total})
    o = C(tid)
    check(o.total() == tid + n and o.value() == tid and type(o).__name__ == name, "type %d %d" % (tid, n))


def task_classdef(tid, n, state):
    class Point(Base):
        scale = n

        def __init__(self, x, y):
            Base.__init__(self, x)
            self.y = y

        def norm1(self):
            return abs(self.v) + abs(self.y) * self.scale

    p = Point(tid, 2)
    q = Point(-n, 1)
    check(p.norm1() == tid + 2 * n and q.norm1() == 2 * n and isinstance(p, Base), "classdef %d %d" % (tid, n))


def task_setattr(tid, n, state):
    h = state["holder"]
    name = "a_%d_%d" % (tid, n)
    setattr(h, name, n)
    names = state["names"]
    names.append(name)
    if len(names) > ATTR_KEEP:
        old = names.pop(0)
        delattr(h, old)
    check(getattr(h, name) == n and len(vars(h)) == len(names), "setattr %d %d" % (tid, n))


def task_bigstr(tid, n, state):
    s = "".join(["%07d," % ((n + i) % 10000000) for i in range(BIG_PARTS)])
    check(len(s) == 8 * BIG_PARTS and s[:8] == "%07d," % (n % 10000000), "bigstr %d %d" % (tid, n))
    parts = s.split(",")
    check(len(parts) == BIG_PARTS + 1 and parts[-1] == "", "bigstr split %d %d" % (tid, n))
    if LEAK:
        state["kept"].append(s)


# One round runs these; the big string only every 8th round.
TASKS = (
    ("publish", task_publish),
    ("exec", task_exec),
    ("type", task_type),
    ("classdef", task_classdef),
    ("setattr", task_setattr),
)


def worker(tid, deadline):
    state = {"logged": 0, "holder": Holder(), "names": [], "kept": []}
    counts = dict.fromkeys(KINDS, 0)
    n = 0
    try:
        while time.monotonic() < deadline:
            for kind, fn in TASKS:
                fn(tid, n, state)
                counts[kind] += 1
            if n % 8 == 0:
                task_bigstr(tid, n, state)
                counts["bigstr"] += 1
            n += 1
            # Publish this thread's tallies (each key only by this thread).
            if n % 16 == 0:
                for k in KINDS:
                    tallies[(tid, k)] = counts[k]
    except Exception as e:  # a failure must show in the verdict, not kill the run quietly
        errors.append("thread %d raised %s: %s" % (tid, type(e).__name__, e))
    for k in KINDS:
        tallies[(tid, k)] = counts[k]
    check(state["logged"] == counts["publish"], "thread %d logged %d" % (tid, state["logged"]))
    check(len(vars(state["holder"])) == min(ATTR_KEEP, counts["setattr"]), "thread %d holder" % tid)
    done_counts[tid] = n


def main():
    deadline = time.monotonic() + SECONDS
    threads = [threading.Thread(target=worker, args=(t, deadline)) for t in range(THREADS)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    rounds = sum(done_counts)
    # The counts must add up exactly.
    check(len(latest) == THREADS, "latest has %d entries" % len(latest))
    for tid in range(THREADS):
        n = done_counts[tid]
        check(n > 0, "thread %d made no progress" % tid)
        check(tallies[(tid, "publish")] == n and tallies[(tid, "exec")] == n
              and tallies[(tid, "type")] == n and tallies[(tid, "classdef")] == n
              and tallies[(tid, "setattr")] == n, "thread %d tallies" % tid)
        check(tallies[(tid, "bigstr")] == (n + 7) // 8, "thread %d bigstr tally" % tid)
        check(latest[tid]["n"] == n - 1, "thread %d latest is %r" % (tid, latest[tid]["n"]))
    published = sum(tallies[(t, "publish")] for t in range(THREADS))
    check(log_appended[0] == published, "log appended %d != published %d" % (log_appended[0], published))
    check(len(log) == min(LOG_KEEP, published), "log length %d" % len(log))
    check(log_trimmed[0] + len(log) == published, "log trimmed %d + %d != %d" % (log_trimmed[0], len(log), published))
    per_thread = [0] * THREADS
    for tid, seq in log:
        per_thread[tid] += 1
    check(sum(per_thread) == len(log), "log entries")
    print("iterations:", rounds)
    if errors:
        for e in errors[:20]:
            print("error:", e)
        print("soak verdict: FAIL (%d errors)" % len(errors))
    else:
        print("soak verdict: ok (%d threads)" % THREADS)


main()
