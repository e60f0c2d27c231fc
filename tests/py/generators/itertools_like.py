# Re-implementing itertools helpers as generators and comparing results.
import itertools

def my_count(start=0, step=1):
    n = start
    while True:
        yield n
        n += step

def my_chain(*iterables):
    for it in iterables:
        yield from it

def my_accumulate(iterable, func=lambda a, b: a + b):
    it = iter(iterable)
    try:
        total = next(it)
    except StopIteration:
        return
    yield total
    for v in it:
        total = func(total, v)
        yield total

def my_groupby(iterable, key=lambda v: v):
    it = iter(iterable)
    sentinel = object()
    current = sentinel
    group = []
    for v in it:
        k = key(v)
        if current is sentinel or k != current:
            if current is not sentinel:
                yield current, group
            current, group = k, []
        group.append(v)
    if current is not sentinel:
        yield current, group

def my_zip_longest(*its, fillvalue=None):
    iters = [iter(i) for i in its]
    while True:
        row, alive = [], 0
        for it in iters:
            try:
                row.append(next(it))
                alive += 1
            except StopIteration:
                row.append(fillvalue)
        if not alive:
            return
        yield tuple(row)

def my_product(*pools):
    if not pools:
        yield ()
        return
    for head in pools[0]:
        for tail in my_product(*pools[1:]):
            yield (head,) + tail

def my_pairwise(iterable):
    it = iter(iterable)
    prev = next(it, None)
    for v in it:
        yield prev, v
        prev = v

print(list(itertools.islice(my_count(5, 3), 4)), list(itertools.islice(itertools.count(5, 3), 4)))
print(list(my_chain("ab", [1], ())) == list(itertools.chain("ab", [1], ())))
print(list(my_accumulate([1, 2, 3, 4])), list(itertools.accumulate([1, 2, 3, 4])))
print(list(my_accumulate([3, 1, 4, 1, 5], max)), list(itertools.accumulate([3, 1, 4, 1, 5], max)))
print(list(my_accumulate([])))
mine = [(k, g) for k, g in my_groupby("aaabccdd")]
theirs = [(k, list(g)) for k, g in itertools.groupby("aaabccdd")]
print(mine == theirs, mine)
print(list(my_groupby([1, 3, 2, 4, 5], key=lambda v: v % 2)))
print(list(my_zip_longest("abc", [1], fillvalue="-")))
print(list(itertools.zip_longest("abc", [1], fillvalue="-")))
print(list(my_product("ab", [0, 1])) == list(itertools.product("ab", [0, 1])))
print(len(list(my_product(range(3), range(3), range(3)))))
print(list(my_pairwise("abcd")), list(itertools.pairwise("abcd")))
print(list(itertools.takewhile(lambda v: v < 10, my_count(1, 4))))
print(list(itertools.compress("abcdef", [1, 0, 1, 0, 1, 1])))
print(list(itertools.starmap(pow, [(2, 3), (3, 2)])))
print(list(itertools.repeat("x", 3)), list(itertools.islice(itertools.cycle("ab"), 5)))
print(list(itertools.permutations("abc", 2))[:4], len(list(itertools.combinations(range(6), 3))))
print(list(itertools.filterfalse(lambda v: v % 2, range(7))), list(itertools.dropwhile(lambda v: v < 3, [1, 4, 1])))
a, b = itertools.tee(my_count(), 2)
print(next(a), next(a), next(b))
