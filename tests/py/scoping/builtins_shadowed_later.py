# A module global that shadows a builtin is seen by functions that already
# ran with the builtin, whenever and however the global appears or goes,
# including under an equal name that is a different str object, in code run
# with several globals dicts, and across threads.
import threading


def use_len():
    return len([1, 2, 3])


def use_abs():
    return abs(-5)


def calls(f, n=3):
    return [f() for _ in range(n)]


print("builtin:", calls(use_len))

# An equal name built at run time (a different str object from the code's).
name = "".join(["l", "e", "n"])
globals()[name] = lambda x: "shadow"
print("shadowed by an equal name:", calls(use_len))
del globals()[name]
print("unshadowed:", calls(use_len))

# Assignment through the module dict's other doors.
globals().update({"len": lambda x: "updated"})
print("update():", calls(use_len))
globals().pop("len")
print("pop():", calls(use_len))
globals().setdefault("len", lambda x: "setdefault")
print("setdefault():", calls(use_len))
del len
print("del:", calls(use_len))

# A shadow that comes and goes while the call site is hot.
seen = []
for i in range(200):
    if i % 50 == 10:
        globals()["abs"] = lambda x: "A%d" % i
    if i % 50 == 20:
        del globals()["abs"]
    seen.append(use_abs())
print("changes seen:", [(i, v) for i, v in enumerate(seen) if i == 0 or v != seen[i - 1]])

# One code object run with many globals dicts, some shadowing `len`: each
# run sees its own dict (fresh dicts may reuse freed addresses).
src = compile("def g():\n    return len('abcd')\nr = [g() for _ in range(5)]\n", "<gen>", "exec")
results = []
for i in range(300):
    ns = {"len": (lambda x: -1)} if i % 3 == 0 else {}
    exec(src, ns)
    results.append(ns["r"][-1])
print("exec runs:", results.count(4), "builtin,", results.count(-1), "shadowed,",
      all(r == (-1 if i % 3 == 0 else 4) for i, r in enumerate(results)))

# Clearing and refilling a namespace.
ns = {}
exec(src, ns)
print("before clear:", ns["g"]())
g = ns["g"]
ns.clear()
ns["len"] = lambda x: "after clear"
print("after clear:", g())
ns.clear()
try:
    print("emptied (the function keeps its builtins):", g())
except NameError as e:
    print("NameError:", e)
ns["__builtins__"] = __builtins__
print("builtins back:", g())

# Another thread shadows the name; once it says so, this thread sees it.
def shadow(ready):
    globals()["abs"] = lambda x: "from thread"
    ready.set()


for _ in range(20):
    use_abs()
ready = threading.Event()
t = threading.Thread(target=shadow, args=(ready,))
t.start()
ready.wait()
print("after the thread:", use_abs())
t.join()
del globals()["abs"]
print("restored:", use_abs())

# Threads calling while one toggles the shadow: each call answers one of
# the two, and after the toggler stops every thread sees the final state.
stop = threading.Event()
bad = []


def caller():
    while not stop.is_set():
        r = use_abs()
        if r not in (5, "T"):
            bad.append(r)


ts = [threading.Thread(target=caller) for _ in range(3)]
for t in ts:
    t.start()
for i in range(2000):
    if i % 2 == 0:
        globals()["abs"] = lambda x: "T"
    else:
        del globals()["abs"]
stop.set()
for t in ts:
    t.join()
print("toggled under threads:", bad, use_abs())
globals()["abs"] = lambda x: "final"
print("final:", [threading.Thread(target=lambda: None).start() or use_abs() for _ in range(2)])
