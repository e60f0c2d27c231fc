# The gc module's interface: names, flags, thresholds, stats shapes and the
# argument errors, with results that do not depend on the collector.
import gc


def attempt(label, f, *a, **k):
    try:
        r = f(*a, **k)
    except Exception as e:
        print(label, "->", type(e).__name__, e)
    else:
        print(label, "->", type(r).__name__)


print(gc.DEBUG_STATS, gc.DEBUG_COLLECTABLE, gc.DEBUG_UNCOLLECTABLE,
      gc.DEBUG_SAVEALL, gc.DEBUG_LEAK)
print(gc.DEBUG_LEAK == gc.DEBUG_COLLECTABLE | gc.DEBUG_UNCOLLECTABLE | gc.DEBUG_SAVEALL)
print(type(gc.garbage).__name__, gc.garbage, type(gc.callbacks).__name__, gc.callbacks)
print(type(gc.collect).__name__, gc.collect.__self__ is gc, gc.__name__)

# collect: generations 0..2, ints and index-likes; the result is an int >= 0.
for g in (0, 1, 2):
    n = gc.collect(g)
    print("collect", g, type(n).__name__, n >= 0)
print(gc.collect() >= 0, gc.collect(generation=0) >= 0, gc.collect(True) >= 0)


class Gen:
    def __index__(self):
        return 1


print(gc.collect(Gen()) >= 0)
for bad in (3, -1, 100):
    attempt("collect(%r)" % bad, gc.collect, bad)
attempt("collect('2')", gc.collect, "2")
attempt("collect(1.0)", gc.collect, 1.0)
attempt("collect(None)", gc.collect, None)
attempt("collect(2**40)", gc.collect, 2 ** 40)
attempt("collect(-2**70)", gc.collect, -2 ** 70)
attempt("collect(1, 2)", gc.collect, 1, 2)
attempt("collect(gen=1)", gc.collect, gen=1)

# enable/disable/isenabled: the flag is reported back.
print(gc.isenabled())
gc.disable()
print(gc.isenabled())
gc.disable()
print(gc.isenabled())
gc.enable()
print(gc.isenabled())
attempt("enable(1)", gc.enable, 1)
attempt("disable(x=1)", gc.disable, x=1)
attempt("isenabled(None)", gc.isenabled, None)

# thresholds
print(gc.get_threshold())
gc.set_threshold(500)
print(gc.get_threshold())
gc.set_threshold(100, 5)
print(gc.get_threshold())
gc.set_threshold(800, 20, 30)
print(gc.get_threshold())
gc.set_threshold(0)
print(gc.get_threshold())
gc.set_threshold(-3, 2 ** 31 - 1, -2 ** 31)
print(gc.get_threshold())
gc.set_threshold(700, 10, 10)
print(gc.get_threshold())
attempt("set_threshold()", gc.set_threshold)
attempt("set_threshold(1, 2, 3, 4)", gc.set_threshold, 1, 2, 3, 4)
attempt("set_threshold('a')", gc.set_threshold, "a")
attempt("set_threshold(1, 2.5)", gc.set_threshold, 1, 2.5)
attempt("set_threshold(2**31)", gc.set_threshold, 2 ** 31)
attempt("set_threshold(-2**31-1)", gc.set_threshold, -2 ** 31 - 1)
attempt("set_threshold(2**70)", gc.set_threshold, 2 ** 70)
attempt("set_threshold(threshold0=1)", gc.set_threshold, threshold0=1)
print(gc.get_threshold())

# debug flags
print(gc.get_debug())
gc.set_debug(0)
print(gc.get_debug())
attempt("set_debug()", gc.set_debug)
attempt("set_debug('x')", gc.set_debug, "x")
attempt("set_debug(1.5)", gc.set_debug, 1.5)
attempt("set_debug(2**40)", gc.set_debug, 2 ** 40)
attempt("set_debug(flags=0)", gc.set_debug, flags=0)
attempt("get_debug(1)", gc.get_debug, 1)
print(gc.get_debug())

# counts and stats: shapes only.
c = gc.get_count()
print(type(c).__name__, len(c), all(type(x) is int and x >= 0 for x in c))
attempt("get_count(1)", gc.get_count, 1)
st = gc.get_stats()
print(type(st).__name__, len(st))
for d in st:
    print(sorted(d), all(type(v) is int and v >= 0 for v in d.values()))
before = gc.get_stats()[2]["collections"]
gc.collect()
print(gc.get_stats()[2]["collections"] > before)
attempt("get_stats(1)", gc.get_stats, 1)

# freeze: nothing stays frozen after unfreeze.
gc.freeze()
print(type(gc.get_freeze_count()).__name__)
gc.unfreeze()
print(gc.get_freeze_count())
attempt("freeze(1)", gc.freeze, 1)
attempt("unfreeze(1)", gc.unfreeze, 1)
attempt("get_freeze_count(1)", gc.get_freeze_count, 1)

# is_tracked / is_finalized argument errors
attempt("is_tracked()", gc.is_tracked)
attempt("is_tracked(1, 2)", gc.is_tracked, 1, 2)
attempt("is_tracked(x=1)", gc.is_tracked, x=1)
attempt("is_finalized()", gc.is_finalized)
print(gc.is_finalized(1), gc.is_finalized([]), gc.is_finalized(object()))
attempt("get_referents(x=1)", gc.get_referents, x=1)
print(gc.get_referents())
