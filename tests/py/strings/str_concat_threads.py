# Two threads appending to one shared str (a buffer view) each get their own
# correct result; neither sees the other's characters.
import threading

base = "b" * 100
base += "!"          # a view with room at its end
results = {}
barrier = threading.Barrier(2)


def work(tag, n):
    barrier.wait()
    mine = base
    for i in range(n):
        mine += tag
    results[tag] = mine


ts = [threading.Thread(target=work, args=(t, 2000)) for t in ("x", "é")]
for t in ts:
    t.start()
for t in ts:
    t.join()
for tag in ("x", "é"):
    r = results[tag]
    print(tag, len(r), r[:101] == base, r[101:] == tag * 2000, r.count(tag))
print(len(base), base[-2:])

# Many threads each extending the same module-level str, then a global
# built under a lock.
shared = "s" * 64
shared += "-"
outs = [None] * 4


def ext(k):
    s = shared
    for i in range(500):
        s += chr(ord("a") + k)
    outs[k] = s


th = [threading.Thread(target=ext, args=(k,)) for k in range(4)]
for t in th:
    t.start()
for t in th:
    t.join()
print([(len(o), o[65:70], o.count(chr(ord("a") + k))) for k, o in enumerate(outs)])
print(shared == "s" * 64 + "-")

lock = threading.Lock()
g = ""


def add(k):
    global g
    for i in range(300):
        with lock:
            g += str(k)


th = [threading.Thread(target=add, args=(k,)) for k in range(3)]
for t in th:
    t.start()
for t in th:
    t.join()
print(len(g), sorted((c, g.count(c)) for c in "012"))
