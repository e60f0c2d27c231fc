# A key's __hash__ that collects (and allocates) while set and dict methods
# build their results: the fresh result, the snapshot of items still to
# process and the values fetched so far must stay alive. ProtoPy once freed
# them (SystemError from a Rust panic, or keys replaced by unrelated
# objects: "unhashable type: 'list'").
import gc

class K:
    n = 0
    def __init__(self, v):
        self.v = v
    def __hash__(self):
        K.n += 1
        if K.n % 7 == 0:
            gc.collect()
            junk = [[i] for i in range(3000)]
        return hash(self.v)
    def __eq__(self, o):
        return isinstance(o, K) and o.v == self.v
    def __repr__(self):
        gc.collect()
        return "K%d" % self.v

def show(name, r):
    if isinstance(r, dict):
        print(name, len(r), sorted((k.v, v) for k, v in r.items())[:50:7])
    else:
        print(name, len(r), sorted(k.v for k in r)[:50:7])

def fresh():
    return {K(i) for i in range(40)}, {K(i) for i in range(20, 60)}

s, t = fresh(); show("copy", s.copy())
s, t = fresh(); show("union()", s.union())
s, t = fresh(); show("|", s | t)
s, t = fresh(); show("&", s & t)
s, t = fresh(); show("-", s - t)
s, t = fresh(); show("^", s ^ t)
s, t = fresh(); show("symmetric_difference", s.symmetric_difference([K(i) for i in range(30, 70)]))
s, t = fresh(); show("intersection(2 args)", s.intersection([K(i) for i in range(10, 30)], [K(i) for i in range(15, 50)]))
s, t = fresh(); show("union(2 args)", s.union([K(i) for i in range(50, 55)], (K(i) for i in range(70, 75))))
s, t = fresh(); s.update(t); show("update", s)
s, t = fresh(); s.update([K(i) for i in range(100, 110)], (K(i) for i in range(200, 205))); show("update(2 args)", s)
s, t = fresh(); s &= t; show("&=", s)
s, t = fresh(); s ^= t; show("^=", s)
s, t = fresh(); s -= t; show("-=", s)
s, t = fresh(); s.difference_update([K(i) for i in range(5, 25)]); show("difference_update", s)
s, t = fresh(); print("issubset", s.issubset([K(i) for i in range(100)]))
s, t = fresh(); print("isdisjoint", s.isdisjoint([K(i) for i in range(100, 140)]))
s, t = fresh(); print("repr", repr({K(1)}), repr(frozenset({K(2)})))
show("fromkeys", dict.fromkeys(K(i) for i in range(50)))
d = {K(i): i for i in range(50)}; show("dict.copy", d.copy())
d = {K(i): i for i in range(50)}; show("dict |", d | {K(99): 1})
d = {K(i): i for i in range(50)}; show("{**d}", {**d, K(98): 2})
d = {K(i): [i] for i in range(5)}; print("dict repr", repr(d))

# The source emptied by the first key's __hash__: the items already taken
# from it stay alive.
class E:
    def __init__(self, v):
        self.v = v
        self.s = "payload-%d" % v
    def __hash__(self):
        if self.v == 0 and SRC:
            SRC.clear()
            gc.collect()
            junk = [("junk%d" % i, [i]) for i in range(5000)]
        return hash(self.v)
    def __eq__(self, o):
        return self is o

SRC = None
for mode in ("update", "dict", "splat", "or", "fromkeys", "set", "frozenset"):
    SRC = {E(i): E(i + 1000) for i in range(100)}
    if mode == "update":
        r = {}; r.update(SRC)
    elif mode == "dict":
        r = dict(SRC)
    elif mode == "splat":
        r = {**SRC}
    elif mode == "or":
        r = {} | SRC
    elif mode == "fromkeys":
        r = dict.fromkeys(SRC)
    elif mode == "set":
        r = set(SRC)
    else:
        r = frozenset(SRC)
    print("emptied source:", mode, len(r), sorted(k.s for k in r)[:2])
