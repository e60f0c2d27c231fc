# Stress: the main thread forks repeatedly while four threads allocate,
# promote (shared dict and list), collect and run Python code. Every child
# must run Python code (allocate, collect, start a thread, take locks,
# import) and exit 0; the parent's results must be exact. A child that
# deadlocks on a lock another thread held at the fork hangs this program.
import gc
import os
import sys
import threading

N_THREADS = 4
ROUNDS = 300
FORKS = 40

shared_list = []
shared_dict = {}
lock = threading.Lock()
done = threading.Event()
counts = [0] * N_THREADS


def worker(n):
    total = 0
    r = 0
    while not done.is_set() or r < ROUNDS:
        local = {i: str(i) * 3 for i in range(60)}
        total += sum(len(v) for v in local.values())
        shared_list.append((n, r))
        with lock:
            shared_dict[(n, r)] = [n, r, "x" * (r % 7)]
        if r % 50 == 0:
            gc.collect()
        r += 1
    counts[n] = r
    return total


def child_body(i):
    # Allocate enough to need new blocks and a global collection.
    junk = [[str(j)] * 10 for j in range(5000)]
    gc.collect()
    assert len(junk) == 5000
    assert threading.active_count() == 1, threading.enumerate()
    box = []
    t = threading.Thread(target=lambda: box.append(sum(range(1000))))
    t.start()
    t.join()
    assert box == [499500]
    # A user lock another thread may hold at the fork stays held in the
    # child (as in CPython); new locks and conditions work.
    cond = threading.Condition()
    with cond:
        n = len(shared_dict)
        cond.notify_all()
    import json
    assert json.loads(json.dumps({"i": i})) == {"i": i}
    try:
        import protopy
        assert protopy.parallel_map(abs, [-1, -2, -3]) == [1, 2, 3]
    except ImportError:
        pass
    return n >= 0


threads = [threading.Thread(target=worker, args=(n,)) for n in range(N_THREADS)]
for t in threads:
    t.start()

bad = []
for i in range(FORKS):
    sys.stdout.flush()
    pid = os.fork()
    if pid == 0:
        try:
            ok = child_body(i)
        except BaseException as e:
            os.write(2, f"child {i}: {type(e).__name__}: {e}\n".encode())
            os._exit(3)
        if i % 2:
            os._exit(0 if ok else 4)
        sys.exit(0 if ok else 4)
    _, st = os.waitpid(pid, 0)
    if os.waitstatus_to_exitcode(st) != 0:
        bad.append((i, os.waitstatus_to_exitcode(st)))

done.set()
for t in threads:
    t.join()

print("children failed:", bad)
expected = sum(counts)
print("list exact:", len(shared_list) == expected, len(set(shared_list)) == expected)
print("dict exact:", len(shared_dict) == expected,
      all(shared_dict[(n, r)] == [n, r, "x" * (r % 7)] for n in range(N_THREADS) for r in range(counts[n])))
print("each thread ran its rounds:", all(c >= ROUNDS for c in counts))
