# One thread runs a method-call loop while another either defines classes
# and patches each one's attributes in a loop ("churn") or runs an equally busy
# loop that touches no class ("busy"). Per-class cache versions keep the
# first thread's caches valid while the second changes other classes: the
# method loop's time should be the same in both modes.
# Usage: class_churn.py MODE [CALLS]   (MODE: churn | busy)
import sys
import threading
import time


class Point:
    def __init__(self, x):
        self.x = x

    def get(self):
        return self.x

    def add(self, o):
        return self.x + o.get()


def method_loop(n):
    p = Point(1)
    q = Point(2)
    total = 0
    for _ in range(n):
        total += p.add(q) + q.get()
    return total


def churn(stop):
    k = 0
    while not stop.is_set():
        class Temp:
            v = k

            def m(self):
                return self.v

        t = Temp()
        for j in range(100):
            Temp.extra = j
            t.m()
        k += 1


def busy(stop):
    k = 0
    while not stop.is_set():
        for _ in range(200):
            k = (k * 31 + 7) & 0xFFFF


def main():
    mode = sys.argv[1]
    n = int(sys.argv[2]) if len(sys.argv) > 2 else 3000000
    stop = threading.Event()
    other = threading.Thread(target=churn if mode == "churn" else busy, args=(stop,))
    other.start()
    time.sleep(0.05)
    t0 = time.perf_counter()
    total = method_loop(n)
    elapsed = time.perf_counter() - t0
    stop.set()
    other.join()
    print("checksum:", total)
    print("elapsed:", "%.6f" % elapsed)


main()
