# counting and grouping with get/setdefault, plus pop defaults
text = "one two three two one two four"
counts = {}
for w in text.split():
    counts[w] = counts.get(w, 0) + 1
print(counts)
groups = {}
for w in text.split():
    groups.setdefault(len(w), []).append(w)
print(groups)
first_seen = {}
for i, w in enumerate(text.split()):
    first_seen.setdefault(w, i)
print(first_seen)
cache = {}
def fib(n):
    if n in cache:
        return cache[n]
    r = n if n < 2 else fib(n - 1) + fib(n - 2)
    cache[n] = r
    return r
print(fib(50), len(cache))
config = {"debug": False, "level": 0}
print(config.get("debug", True), config.get("missing", "dflt"), config.pop("level", 99), config.pop("level", 99), config)
print(max(counts, key=counts.get), sorted(counts, key=lambda k: (-counts[k], k)))
inv = {}
for k, v in counts.items():
    inv.setdefault(v, set()).add(k)
print({k: sorted(v) for k, v in sorted(inv.items())})
