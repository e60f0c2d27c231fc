# Many frozendict versions derived from one another, with collections in
# between: every version keeps its own entries (keys and values made at run
# time, so a version that lost track of one would show it) after its base
# is dropped, in long chains of unions, and with values replaced.
try:
    frozendict
except NameError:
    from _fdref import frozendict
import gc


def check(v, expect):
    return len(v) == len(expect) and all(v[k] == x for k, x in expect.items()) \
        and list(v) == list(expect)


base = frozendict(("k" + str(i), [i, str(i)]) for i in range(2000))
expect_base = {"k" + str(i): [i, str(i)] for i in range(2000)}
versions = [base | {"new" + str(j): ("n", j)} for j in range(150)]
replaced = base | {"k5": "five", "k1999": {"x": 1}}
del base
gc.collect()
ok = True
for j, v in enumerate(versions):
    e = dict(expect_base)
    e["new" + str(j)] = ("n", j)
    ok = ok and check(v, e)
print("derived versions intact:", ok)
e = dict(expect_base)
e["k5"] = "five"
e["k1999"] = {"x": 1}
print("replaced values:", check(replaced, e), replaced["k5"], replaced["k4"])
del versions
gc.collect()
print("after dropping siblings:", check(replaced, e))

# A chain: each version made from the previous one.
v = frozendict()
kept = {}
expect = {}
for i in range(3000):
    key = "c" + str(i % 700)
    val = [i] * (i % 3)
    v = v | {key: val}
    expect[key] = val
    if i % 500 == 499:
        gc.collect()
        kept[i] = (v, dict(expect))
print("chain:", check(v, expect), len(v))
print("kept versions:", all(check(kv, ke) for kv, ke in kept.values()),
      sorted(len(kv) for kv, _ in kept.values()))

# Copies of subclass instances and frozendict(fd, **kw) also derive.


class Sub(frozendict):
    pass


s = Sub(("s" + str(i), str(i) * 2) for i in range(300))
c = s.copy()
w = frozendict(s, extra="e")
del s
gc.collect()
print(type(c).__name__, len(c), c["s299"] == "299299", w["extra"], len(w))
