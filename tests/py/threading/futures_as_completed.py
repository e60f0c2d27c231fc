# as_completed yields futures as they finish; the output is sorted so it does not depend on timing.
from concurrent.futures import ThreadPoolExecutor, as_completed, TimeoutError
import threading

def work(n):
    return n, sum(range(n * 1000))

with ThreadPoolExecutor(max_workers=4) as ex:
    futs = {ex.submit(work, n): n for n in range(12)}
    results = []
    for f in as_completed(futs):
        n, total = f.result()
        assert futs[f] == n
        results.append((n, total))
    print(sorted(results)[:3], len(results))

    # duplicates are yielded once
    f = ex.submit(work, 1)
    print("dupes:", len(list(as_completed([f, f, f]))))

    # timeout while a future is still pending
    gate = threading.Event()
    slow = ex.submit(gate.wait)
    fast = ex.submit(work, 2)
    got = []
    try:
        for f in as_completed([slow, fast], timeout=0.5):
            got.append(f.result())
    except TimeoutError:
        print("as_completed timed out after", got)
    gate.set()
    print("slow result:", slow.result())

# futures that are already done come first, in any order
with ThreadPoolExecutor(2) as ex:
    done = [ex.submit(work, i) for i in range(3)]
    for f in done: f.result()
    print(sorted(f.result()[0] for f in as_completed(done)))
