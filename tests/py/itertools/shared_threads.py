# Iterators shared between threads: count, repeat and the combinatoric
# iterators hand out each value exactly once; others never crash.
import itertools as it
import threading

def drain(obj, out, n=None):
    for i, v in enumerate(obj):
        out.append(v)
        if n is not None and i + 1 >= n:
            break

def run(make, n_threads=4, each=None):
    obj = make()
    outs = [[] for _ in range(n_threads)]
    ts = [threading.Thread(target=drain, args=(obj, outs[i], each)) for i in range(n_threads)]
    for t in ts:
        t.start()
    for t in ts:
        t.join()
    return [v for o in outs for v in o]

vals = run(lambda: it.count(), each=5000)
print('count', len(vals), len(set(vals)), sorted(vals) == list(range(20000)))
vals = run(lambda: it.repeat('r', 10000))
print('repeat', len(vals))
vals = run(lambda: it.product(range(20), range(20), range(10)))
print('product', len(vals), len(set(vals)))
vals = run(lambda: it.permutations(range(7), 4))
print('permutations', len(vals), len(set(vals)))
vals = run(lambda: it.combinations(range(20), 3))
print('combinations', len(vals), len(set(vals)))
vals = run(lambda: it.cycle(range(10)), each=2500)
print('cycle', len(vals), sorted(set(vals)))
vals = run(lambda: it.chain(range(3000), range(3000)))
print('chain', len(vals) > 0)
a, b = it.tee(range(10000))
errs = []
def use(t):
    try:
        for _ in t:
            pass
    except RuntimeError as e:
        errs.append(str(e))
ts = [threading.Thread(target=use, args=(x,)) for x in (a, b)]
for t in ts:
    t.start()
for t in ts:
    t.join()
print('tee', set(errs) <= {'cannot re-enter the tee iterator'})
