# Threads share small functools.lru_cache caches that they hit and miss
# all the time: every hit moves its key to the end, every miss stores a key
# and evicts the oldest. After each round the cache holds exactly maxsize
# entries (never one more, never one less) and every call was counted.
import functools
import threading

THREADS = 4
CALLS = 1500
bad = []

for maxsize, keys in ((2, 3), (4, 5), (8, 11)):
    @functools.lru_cache(maxsize=maxsize)
    def double(n):
        return 2 * n

    for trial in range(15):
        double.cache_clear()
        start = threading.Barrier(THREADS)
        wrong = []

        def worker(t):
            start.wait()
            for r in range(CALLS):
                n = (r * 7 + t) % keys
                if double(n) != 2 * n:
                    wrong.append(n)

        threads = [threading.Thread(target=worker, args=(t,)) for t in range(THREADS)]
        for th in threads:
            th.start()
        for th in threads:
            th.join()
        info = double.cache_info()
        if wrong or info.currsize != maxsize or info.hits + info.misses != THREADS * CALLS:
            bad.append((maxsize, trial, info.currsize, info.hits + info.misses, wrong[:3]))
    print("maxsize", maxsize, "keys", keys, "final size", double.cache_info().currsize)

print("rounds with a wrong size, count or result:", bad)
