# Scaling workload (c): N threads appending to one shared list and updating one
# shared dict. Mode "nolock" relies on list.append / d[k] = v being atomic; mode
# "lock" guards a read-modify-write of the dict (and the append) with one Lock.
# Usage: scale_shared_containers.py N W [lock|nolock]   -- each thread does W operations
# (W "-" picks the default for the mode). Appended values are small ints (i & 255) so
# the list costs one word per element.
import sys
import threading
import time

KEYS = 4096

def work_nolock(lst, d, tid, w):
    append = lst.append
    for i in range(w):
        append(i & 255)
        d[(i * 13 + tid) % KEYS] = i

def work_lock(lst, d, lock, tid, w):
    append = lst.append
    for i in range(w):
        k = (i * 13 + tid) % KEYS
        with lock:
            append(i & 255)
            d[k] = d.get(k, 0) + 1

def main():
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 1
    mode = sys.argv[3] if len(sys.argv) > 3 else "nolock"
    default_w = 1500000 if mode == "lock" else 4000000
    w = int(sys.argv[2]) if len(sys.argv) > 2 and sys.argv[2] != "-" else default_w
    if mode not in ("lock", "nolock"):
        raise SystemExit("mode must be lock or nolock")
    lst = []
    d = {}
    lock = threading.Lock()
    if mode == "lock":
        threads = [threading.Thread(target=work_lock, args=(lst, d, lock, t, w)) for t in range(n)]
    else:
        threads = [threading.Thread(target=work_nolock, args=(lst, d, t, w)) for t in range(n)]
    t0 = time.perf_counter()
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    elapsed = time.perf_counter() - t0
    ok = len(lst) == n * w
    if mode == "lock":
        ok = ok and sum(d.values()) == n * w
    print("checksum:", len(lst), len(d), sum(lst), "exact" if ok else "LOST UPDATES")
    print("elapsed:", "%.6f" % elapsed)

main()
