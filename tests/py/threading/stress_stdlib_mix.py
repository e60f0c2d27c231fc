# 16 threads use CPython's pure-Python Lib at once: logging (one handler and
# its lock), re's compile cache, functools.lru_cache, weak dictionaries and
# first imports of modules. Written for a GIL, this code relies on single
# operations being atomic; here the threads run truly in parallel and
# nothing may be lost: every count below is exact.
import functools
import gc
import importlib
import logging
import re
import sys
import threading
import weakref

THREADS = 16
ROUNDS = 300

records = []


class ListHandler(logging.Handler):
    def emit(self, record):
        records.append(record.getMessage())


log = logging.getLogger("stress")
log.setLevel(logging.INFO)
log.propagate = False
log.addHandler(ListHandler())


@functools.lru_cache(maxsize=64)
def square(n):
    return n * n


class Box:
    def __init__(self, v):
        self.v = v


shared_weak = weakref.WeakValueDictionary()
keep = {}  # strong references for the boxes each thread publishes
keep_lock = threading.Lock()

# Modules of the Lib that nothing has imported yet: all threads race to
# import them first, and each must see the whole module.
FIRST_IMPORTS = ["colorsys", "fractions", "cmd", "difflib", "shlex", "pprint"]
for name in FIRST_IMPORTS:
    assert name not in sys.modules, name

seen_modules = [[] for _ in range(THREADS)]
errors = []
start = threading.Barrier(THREADS)


def worker(t):
    try:
        start.wait()
        for i, name in enumerate(FIRST_IMPORTS):
            m = importlib.import_module(FIRST_IMPORTS[(i + t) % len(FIRST_IMPORTS)])
            seen_modules[t].append(m)
        # Attributes that exist only once a module ran to its end.
        assert seen_modules[t][0].__name__ in FIRST_IMPORTS
        import colorsys, fractions, cmd, difflib, shlex, pprint
        assert colorsys.rgb_to_hsv(1, 0, 0) == (0.0, 1.0, 1)
        assert fractions.Fraction(3, 6) == fractions.Fraction(1, 2)
        assert cmd.Cmd().identchars.startswith("abc")
        assert shlex.split("a 'b c'") == ["a", "b c"]
        assert pprint.pformat([1]) == "[1]"
        assert difflib.SequenceMatcher(None, "abc", "abd").ratio() > 0.6
        mine = {}
        for r in range(ROUNDS):
            log.info("t%d r%d", t, r)
            # 40 distinct patterns, shared by all threads: re's cache is hit
            # and filled from many threads at once.
            pat = re.compile(r"(\d+)-%d-(\w+)" % (r % 40))
            m = pat.fullmatch("%d-%d-x%d" % (t, r % 40, r))
            assert m and m.group(1) == str(t) and m.group(2) == "x%d" % r
            assert square(r % 100) == (r % 100) ** 2
            key = (t, r)
            box = Box(key)
            mine[key] = box
            shared_weak[key] = box
            got = shared_weak.get((t, r))
            assert got is box
            if r % 3 == 0:
                del mine[key]  # dropped: its weak entry may go at any time
        with keep_lock:
            keep.update(mine)
    except BaseException as e:
        errors.append((t, repr(e)))


threads = [threading.Thread(target=worker, args=(t,)) for t in range(THREADS)]
for th in threads:
    th.start()
for th in threads:
    th.join()

print("errors:", errors)
print("log records:", len(records), "expected", THREADS * ROUNDS)
print("distinct records:", len(set(records)))
for t in (0, 7, 15):
    print("thread", t, "first and last:", [m for m in records if m.startswith("t%d " % t)][::ROUNDS - 1])
info = square.cache_info()
print("lru calls counted:", info.hits + info.misses, "expected", THREADS * ROUNDS)
print("lru entries:", info.currsize)
gc.collect()
alive = sorted(shared_weak.keys())
print("weak entries kept:", len(alive), "expected", len(keep))
print("weak entries match strong ones:", set(alive) == set(keep))
print("every thread saw one module object per name:",
      all({id(m) for m in ms} == {id(sys.modules[n]) for n in FIRST_IMPORTS} for ms in seen_modules))
