# CPython's own Lib/heapq.py, loaded from its file, picks up every native
# function through `from _heapq import *` and the three max-heap imports.
import sys
import _heapq

path = None
for p in sys.path:
    if p.endswith('python3.11') or p.endswith('python3.11/'):
        path = p.rstrip('/') + '/heapq.py'
if path is None:
    path = '/usr/lib/python3.11/heapq.py'
ns = {'__name__': 'cpython_heapq'}
with open(path) as f:
    exec(compile(f.read(), 'heapq.py', 'exec'), ns)
for name in ['heappush', 'heappop', 'heapify', 'heapreplace', 'heappushpop',
             '_heapify_max', '_heappop_max', '_heapreplace_max']:
    print(name, ns[name] is getattr(_heapq, name))
h = []
for v in [5, 2, 8, 1, 9, 3]:
    ns['heappush'](h, v)
print(h, ns['nsmallest'](2, h), ns['nlargest'](2, h))
print(list(ns['merge']([1, 5], [2, 6], [0, 7])))
