# Functions loaded from a cache file and never run before are first called
# by eight threads at the same moment: each thread gets exact results and
# docstrings (ProtoPy builds such a function's code on first use, and two
# threads may build it at once).
import os
import tempfile

from _helpers import run, write

FUNCS = 300
SRC = "\n".join(
    f"def f{i}(x, k={i}):\n    '''doc {i}'''\n    def g(y):\n        return y + k\n    return g(x) * 2\n"
    for i in range(FUNCS)
)
DRIVER = f'''
import threading, lzmod
N = 8
results = [None] * N
docs_ok = [False] * N
barrier = threading.Barrier(N)
def work(t):
    barrier.wait()
    s, ok = 0, True
    for i in range({FUNCS}):
        f = getattr(lzmod, "f%d" % i)
        s += f(t)
        ok = ok and f.__doc__ == "doc %d" % i
    results[t], docs_ok[t] = s, ok
ths = [threading.Thread(target=work, args=(t,)) for t in range(N)]
for th in ths:
    th.start()
for th in ths:
    th.join()
print(results == [sum((t + i) * 2 for i in range({FUNCS})) for t in range(N)], all(docs_ok))
'''

with tempfile.TemporaryDirectory() as d:
    write(os.path.join(d, "lzmod.py"), SRC)
    print("compiled:", run(d, DRIVER))
    for attempt in range(3):
        print("from the cache:", run(d, DRIVER))
