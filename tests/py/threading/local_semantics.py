# threading.local (_thread._local): per-thread attributes, __init__ run once
# per thread with the constructor's arguments, subclasses, descriptors and
# the errors CPython raises.
import threading
import _thread

print(threading.local is _thread._local, _thread._local.__module__)

# __init__ runs in every thread that touches the object, with the same args.
calls = []
calls_lock = threading.Lock()

class Conf(threading.local):
    kind = "class-attr"

    def __init__(self, base, *, step=1):
        with calls_lock:
            calls.append((base, step))
        self.value = base
        self.step = step

    def bump(self):
        self.value += self.step
        return self.value

    @property
    def doubled(self):
        return self.value * 2

conf = Conf(10, step=5)
print(conf.value, conf.step, conf.kind, conf.doubled, conf.bump())
results = {}

def worker(tid):
    # First touch in this thread: a fresh dict, __init__(10, step=5) again.
    for _ in range(tid + 1):
        conf.bump()
    conf.extra = tid
    results[tid] = (conf.value, conf.extra, sorted(conf.__dict__))

threads = [threading.Thread(target=worker, args=(i,)) for i in range(6)]
for t in threads:
    t.start()
for t in threads:
    t.join()
for tid in sorted(results):
    print(tid, results[tid])
print("main still sees", conf.value, hasattr(conf, "extra"), sorted(calls))

# A method shadowed by an attribute in one thread only.
def shadow():
    conf.bump = lambda: "shadowed"
    print("in thread:", conf.bump())

t = threading.Thread(target=shadow)
t.start()
t.join()
print("in main:", conf.bump())

# Data descriptors win over the thread's dict; read-only ones refuse stores.
conf.__dict__["doubled"] = "from dict"
print(conf.doubled)
for stmt in ("conf.doubled = 1", "del conf.doubled", "del conf.missing",
             "conf.missing", "conf.__dict__ = {}", "del conf.__dict__"):
    try:
        exec(stmt)
        print(stmt, "ok")
    except AttributeError as e:
        print(stmt, "->", type(e).__name__, e)

# Plain locals take no constructor arguments.
for args, kw in (((1,), {}), ((), {"a": 1})):
    try:
        threading.local(*args, **kw)
    except TypeError as e:
        print("TypeError", e)

# An __init__ that fails leaves no dict behind: the next access retries.
class Flaky(threading.local):
    tries = 0

    def __init__(self):
        Flaky.tries += 1
        if Flaky.tries == 2:
            raise RuntimeError("second init fails")
        self.ok = Flaky.tries

flaky = Flaky()

def touch():
    for _ in range(2):
        try:
            print("flaky.ok =", flaky.ok)
        except RuntimeError as e:
            print("RuntimeError", e)

t = threading.Thread(target=touch)
t.start()
t.join()

# __slots__ members belong to the object (all threads); the rest is per thread.
class Slotted(threading.local):
    __slots__ = ("shared",)

s = Slotted()
s.shared = "everyone"
s.mine = "main"

def read_slotted():
    print("thread sees", s.shared, hasattr(s, "mine"), s.__dict__)

t = threading.Thread(target=read_slotted)
t.start()
t.join()
print("main sees", s.shared, s.mine)

# setattr/getattr/delattr built-ins, vars(), dir() and super() calls.
class Logged(threading.local):
    def __setattr__(self, name, value):
        super().__setattr__(name, ("logged", value))

lg = Logged()
setattr(lg, "a", 1)
lg.b = 2
print(getattr(lg, "a"), vars(lg), "a" in dir(lg), getattr(lg, "zzz", "default"))
delattr(lg, "a")
print(vars(lg), hasattr(lg, "a"))
print(type(lg).__getattribute__(lg, "b"))
try:
    _thread._local.__getattribute__(object(), "x")
except TypeError as e:
    print("TypeError", e)
try:
    setattr(lg, 5, 1)
except TypeError as e:
    print("TypeError", e)

# Many short-lived locals: each thread's dicts of dead ones are dropped.
def churn():
    total = 0
    for i in range(3000):
        loc = threading.local()
        loc.i = i
        total += loc.i
    print("churn", total)

t = threading.Thread(target=churn)
t.start()
t.join()
churn()
