# time.struct_time: a tuple subclass with 9 visible fields and the named-only
# tm_zone / tm_gmtoff; constructor, repr, tuple behaviour, errors.
import copy
import gc
import threading
import time

ST = time.struct_time
print(ST, ST.__name__, ST.__qualname__, ST.__module__)
print(ST.__mro__, ST.__bases__, ST.__base__)
print(ST.n_fields, ST.n_sequence_fields, ST.n_unnamed_fields, time._STRUCT_TM_ITEMS)
print(ST.__match_args__)
print(ST.__doc__.splitlines()[0])
for f in ["tm_year", "tm_isdst", "tm_zone", "tm_gmtoff"]:
    print(f, getattr(ST, f).__doc__)
print(issubclass(ST, tuple), sorted(vars(ST)))

g = time.gmtime(1234567890)
print(g)
print(repr(g) == str(g), f"{g}" == repr(g))
print(g.tm_year, g.tm_mon, g.tm_mday, g.tm_hour, g.tm_min, g.tm_sec, g.tm_wday, g.tm_yday,
      g.tm_isdst, g.tm_zone, g.tm_gmtoff)
print(type(g).__name__, isinstance(g, tuple), len(g), g[0], g[-1], g[2:5], g[::3], g[::-1][:2])
print(type(g[:3]).__name__, type(g + ()).__name__, type(g * 1).__name__)
print(list(g), tuple(g) == g, g == tuple(g), g != tuple(g), hash(g) == hash(tuple(g)))
print(g.count(0), g.index(13), 2009 in g, max(g), min(g), sum(g))
y, mo, d, h, mi, s, wd, yd, dst = g
print("unpacked", y, mo, d, h, mi, s, wd, yd, dst)
first, *rest = g
print(first, len(rest))
print(time.gmtime(5) > time.gmtime(2), sorted([time.gmtime(9), time.gmtime(3)])[0].tm_sec)
print({g: "v"}[tuple(g)], g in {tuple(g)})

match g:
    case time.struct_time(tm_year=yy, tm_mon=mm, tm_zone=zz):
        print("class pattern", yy, mm, zz)
match g:
    case (yy, mm, *others):
        print("sequence pattern", yy, mm, len(others))

# Constructor: any iterable of 9 to 11 items; the optional dict fills the
# named-only fields not given by the sequence.
print(ST(range(9)))
print(ST([2024, 2, 29, 12, 30, 45, 3, 60, 0]))
print(ST("abcdefghi"))
print(ST(x * x for x in range(9)))
print(ST(iter([[]] * 9)))
s10 = ST(range(10))
print(s10.tm_zone, s10.tm_gmtoff)
s11 = ST(range(11), {"tm_zone": "ignored"})
print(s11.tm_zone, s11.tm_gmtoff, len(s11))
sd = ST(range(9), {"tm_zone": "XYZ", "tm_gmtoff": -3600, "other": 1})
print(sd.tm_zone, sd.tm_gmtoff, sd)
print(ST(range(9), {}).tm_zone, ST(sequence=range(9)).tm_gmtoff)
print(ST(sequence=range(9), dict={"tm_zone": "kw"}).tm_zone)


class D(dict):
    pass


print(ST(range(9), D(tm_gmtoff=7)).tm_gmtoff)
print(ST(g) == g, ST(g).tm_zone, ST(list(g) + ["Q", 5]).tm_zone)
print(ST.__new__(ST, range(9)))

# __reduce__ and copies keep the named-only fields.
print(g.__reduce__())
print(sd.__reduce__())
c = copy.copy(sd)
print(c, c.tm_zone, c.tm_gmtoff, type(c).__name__)
dc = copy.deepcopy(sd)
print(dc == sd, dc.tm_zone)


def err(f, *args, **kwargs):
    try:
        r = f(*args, **kwargs)
    except Exception as e:
        print(type(e).__name__ + ":", e)
    else:
        print("no error:", r)


class BadIter:
    def __iter__(self):
        raise TypeError("from __iter__")


class ValueIter:
    def __iter__(self):
        raise ValueError("from __iter__")


def gen_fail():
    yield 1
    raise TypeError("while iterating")


err(ST)
err(ST, range(3))
err(ST, range(8))
err(ST, range(12))
err(ST, [])
err(ST, 5)
err(ST, None)
err(ST, BadIter())
err(ST, ValueIter())
err(ST, gen_fail())
err(ST, range(9), None)
err(ST, range(9), 5)
err(ST, range(9), [("tm_zone", "x")])
err(ST, range(9), {}, 3)
err(ST, range(9), x=1)
err(ST, range(9), dict={}, sequence=1)
err(ST, x=1)
err(ST, range(9), sequence=1)
err(ST, sequence=range(9), y=2)
err(ST, x=1, y=2)
err(ST.__repr__, 5)
err(ST.__reduce__, (1, 2))
err(ST.tm_year.__get__, 5, int)
err(ST.tm_zone.__get__, (1,), tuple)
err(ST.__new__)
err(ST.__new__, 5, range(9))
err(ST.__new__, tuple, range(9))
err(ST.__new__, int, range(9))

# Read-only fields, no instance dict, not subclassable.
for stmt in ["g.tm_year = 1", "g.tm_zone = 'x'", "del g.tm_mon", "g.foo = 1", "g.__dict__",
             "vars(g)", "g[0] = 1", "del g[0]",
             "class Sub(time.struct_time): pass"]:
    try:
        exec(stmt)
    except Exception as e:
        print(stmt, "->", type(e).__name__ + ":", e)
print(ST.tm_year.__get__(g), ST.tm_zone.__get__(g))
print(hasattr(g, "__dict__"), hasattr(g, "tm_gmtoff"))

# Many struct_times through the collector, and shared with other threads.
made = [time.gmtime(i * 86400) for i in range(20000)]
zones = [ST(range(9), {"tm_zone": "zone-" + str(i) * 3, "tm_gmtoff": 10**30 + i})
         for i in range(2000)]
gc.collect()
print(made[19999].tm_year, made[365].tm_yday, sum(t.tm_mday for t in made))
print(zones[1999].tm_zone, zones[1999].tm_gmtoff - 10**30, zones[5].tm_zone)

shared = []


def producer():
    for i in range(500):
        shared.append(ST(range(i, i + 9), {"tm_zone": "thread-zone-%d" % i,
                                            "tm_gmtoff": 2**70 + i}))
    gc.collect()


ts = [threading.Thread(target=producer) for _ in range(3)]
for t in ts:
    t.start()
for t in ts:
    t.join()
gc.collect()
print(len(shared), sorted({s.tm_zone for s in shared})[:3],
      sum(s.tm_gmtoff - 2**70 for s in shared), sum(s[8] for s in shared))
