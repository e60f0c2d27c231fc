# Generator pipelines and lazy composition.
def numbers(limit):
    for i in range(limit):
        print("  produce", i)
        yield i

def evens(src):
    for v in src:
        if v % 2 == 0:
            yield v

def squares(src):
    for v in src:
        yield v * v

def take(n, src):
    for i, v in enumerate(src):
        if i >= n:
            return
        yield v

pipeline = take(2, squares(evens(numbers(100))))
print(list(pipeline))

def window(it, size):
    buf = []
    for v in it:
        buf.append(v)
        if len(buf) == size:
            yield tuple(buf)
            buf.pop(0)
print(list(window(range(6), 3)))

def unique(it):
    seen = set()
    for v in it:
        if v not in seen:
            seen.add(v)
            yield v
print(list(unique([3, 1, 3, 2, 1, 4])))

def chunks(seq, n):
    for i in range(0, len(seq), n):
        yield seq[i:i + n]
print(list(chunks("abcdefgh", 3)))

def running(it):
    total = 0
    for v in it:
        total += v
        yield total
print(list(running(range(1, 6))))

def interleave(*gens):
    gens = [iter(g) for g in gens]
    while gens:
        for g in list(gens):
            try:
                yield next(g)
            except StopIteration:
                gens.remove(g)
print(list(interleave("abc", [1, 2], "XYZW")))

def flatten_dict(d, prefix=""):
    for k in sorted(d):
        v = d[k]
        if isinstance(v, dict):
            yield from flatten_dict(v, prefix + k + ".")
        else:
            yield prefix + k, v
print(list(flatten_dict({"a": 1, "b": {"c": 2, "d": {"e": 3}}, "f": 4})))

def primes():
    found = []
    n = 2
    while True:
        if all(n % p for p in found):
            found.append(n)
            yield n
        n += 1
print(list(take(10, primes())))

def collatz(n):
    while n != 1:
        yield n
        n = n // 2 if n % 2 == 0 else 3 * n + 1
    yield 1
print(list(collatz(6)), len(list(collatz(27))))
