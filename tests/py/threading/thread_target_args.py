# Thread with target, positional args and keyword args; results gathered after join.
import threading

results = {}

def work(key, a, b, *, scale=1, extra=()):
    results[key] = (a + b) * scale + sum(extra)

threads = [
    threading.Thread(target=work, args=("plain", 1, 2)),
    threading.Thread(target=work, args=("scaled", 3, 4), kwargs={"scale": 10}),
    threading.Thread(target=work, args=("extra", 5, 6), kwargs={"scale": 2, "extra": (1, 2, 3)}),
    threading.Thread(target=work, kwargs={"key": "kwonly", "a": 7, "b": 8}),
]
for t in threads:
    t.start()
for t in threads:
    t.join()
for k in sorted(results):
    print(k, results[k])

# A thread with no target does nothing and finishes.
t = threading.Thread()
t.start()
t.join()
print("no target alive:", t.is_alive())

# args given as a list works too.
out = []
t = threading.Thread(target=out.extend, args=([1, 2, 3],))
t.start(); t.join()
print("extend:", out)
