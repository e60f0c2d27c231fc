# concurrent.futures.wait with ALL_COMPLETED, FIRST_COMPLETED, FIRST_EXCEPTION and timeouts.
from concurrent.futures import (ThreadPoolExecutor, wait, ALL_COMPLETED,
                                FIRST_COMPLETED, FIRST_EXCEPTION)
import threading

gate = threading.Event()

def quick(x):
    return x + 1

def blocked():
    gate.wait()
    return "released"

def raises():
    raise IndexError("nope")

with ThreadPoolExecutor(max_workers=4) as ex:
    fs = [ex.submit(quick, i) for i in range(5)]
    done, not_done = wait(fs)
    print("all:", len(done), len(not_done), sorted(f.result() for f in done))

    slow = ex.submit(blocked)
    q = ex.submit(quick, 100)
    done, not_done = wait([slow, q], return_when=FIRST_COMPLETED)
    print("first completed:", [f.result() for f in done], slow in not_done)

    done, not_done = wait([slow], timeout=0.05)
    print("timeout:", len(done), len(not_done))

    e = ex.submit(raises)
    done, not_done = wait([slow, e], return_when=FIRST_EXCEPTION)
    print("first exception:", [type(f.exception()).__name__ for f in done], len(not_done))
    gate.set()
    done, not_done = wait([slow, e], return_when=ALL_COMPLETED)
    print("now:", len(done), len(not_done), slow.result())
    print(ALL_COMPLETED, FIRST_COMPLETED, FIRST_EXCEPTION)
