# chaining generator expressions into pipelines
lines = ["# header", "alpha 3", "", "beta 5", "  gamma 7  ", "# comment", "delta x"]
stripped = (ln.strip() for ln in lines)
non_empty = (ln for ln in stripped if ln and not ln.startswith("#"))
fields = (ln.split() for ln in non_empty)
valid = ((name, int(num)) for name, num in fields if num.isdigit())
result = list(valid)
print(result)
print(sum(n for _, n in result), max(result, key=lambda p: p[1]))
def numbers():
    n = 0
    while True:
        yield n
        n += 1
evens = (n for n in numbers() if n % 2 == 0)
squares = (n * n for n in evens)
small = []
for sq in squares:
    if sq > 200:
        break
    small.append(sq)
print(small)
words = "one two three four five six".split()
lengths = {w: len(w) for w in words}
by_len = {}
for w, n in lengths.items():
    by_len.setdefault(n, []).append(w)
print(by_len, [w for n in sorted(by_len) for w in sorted(by_len[n])])
print(list(zip(*[(i, i * i, i ** 3) for i in range(1, 5)])))
