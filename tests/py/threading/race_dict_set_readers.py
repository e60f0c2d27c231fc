# Readers of a shared dict or set that other threads insert into and delete
# from see only whole entries: never a key whose value a racing deletion
# had half cleared (it reached Python as an unbound variable), never a
# missing set element. "changed ... during iteration" is a clean error.
import threading, time

d = {}
s = set()
stop = False
bad = []

def writer(tid):
    i = tid
    while not stop:
        i += 2
        k = i % 64
        d[k] = "v%d" % k
        s.add("e%d" % k)
        if i % 3:
            d.pop((i * 7) % 64, None)
            s.discard("e%d" % ((i * 7) % 64))

def check(v):
    if not isinstance(v, str):
        bad.append(repr(v))

def reader():
    while not stop:
        try:
            for k, v in list(d.items()):
                check(v)
            for v in list(d.values()):
                check(v)
            for v in d.copy().values():
                check(v)
            for k, v in dict(d).items():
                check(v)
            for x in list(s):
                check(x)
            for x in s.copy():
                check(x)
            for x in frozenset(s):
                check(x)
            for k in sorted(d, key=str):
                pass
            for v in d.values():
                check(v)
            for k, v in d.items():
                check(v)
            for x in s:
                check(x)
        except RuntimeError as e:
            if "during iteration" not in str(e):
                bad.append(str(e))

ts = [threading.Thread(target=writer, args=(t,)) for t in range(2)]
ts += [threading.Thread(target=reader) for _ in range(2)]
for t in ts:
    t.start()
time.sleep(1.0)
stop = True
for t in ts:
    t.join()
print("bad values:", bad[:5])
