# Subclassing Thread and overriding run(); attributes set in __init__ are visible after join.
import threading

class Summer(threading.Thread):
    def __init__(self, lo, hi, name):
        super().__init__(name=name)
        self.lo, self.hi = lo, hi
        self.total = None

    def run(self):
        total = 0
        for i in range(self.lo, self.hi):
            total += i * i
        self.total = total

workers = [Summer(i * 1000, (i + 1) * 1000, f"summer-{i}") for i in range(4)]
for w in workers:
    w.start()
for w in workers:
    w.join()
for w in workers:
    print(w.name, w.total, w.is_alive())
print("grand total", sum(w.total for w in workers), sum(i * i for i in range(4000)))

# run() may be called directly: it runs in the calling thread.
s = Summer(0, 10, "direct")
s.run()
print("direct run:", s.total, "started:", s.ident is not None)

# A subclass whose run() calls the base run() uses target.
class Wrapped(threading.Thread):
    def run(self):
        print("before", self.name)
        super().run()
        print("after", self.name)

t = Wrapped(target=print, args=("inside target",), name="wrapped")
t.start(); t.join()
