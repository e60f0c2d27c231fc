# Native functions that walk a snapshot of their argument's items while
# each item's __index__ / __float__ / __mul__ runs Python code: that code
# empties the source list and collects, so only the snapshot holds the
# items still to come. ProtoPy once freed them (a Rust panic: SystemError).
# (CPython walks the list live and stops when it is emptied, ProtoPy walks
# a snapshot: only the result's type and first item are compared.)
import gc, math

HOLD = []

class C:
    def __init__(self, v):
        self.v = v
    def chaos(self):
        for h in HOLD:
            h.clear()
        gc.collect()
        junk = [["junk", i] for i in range(2000)]
    def __index__(self):
        self.chaos()
        return self.v % 256
    def __float__(self):
        self.chaos()
        return float(self.v)
    def __mul__(self, o):
        self.chaos()
        return C(self.v * (o.v if isinstance(o, C) else o))
    __rmul__ = __mul__

class NS(dict):
    pass

def run(name, f):
    l = [C(i) for i in range(1, 30)]
    HOLD[:] = [l]
    r = f(l)
    if isinstance(r, C):
        r = r.v
    first = r[:1] if isinstance(r, (bytes, bytearray, list)) else None
    print(name, type(r).__name__, first)

run("bytes", lambda l: bytes(l))
run("bytearray", lambda l: bytearray(l))
run("bytearray(iter)", lambda l: bytearray(iter(l)))
run("bytearray.extend", lambda l: (lambda b: (b.extend(l), b)[1])(bytearray(b"ab")))
run("bytearray slice", lambda l: (lambda b: (b.__setitem__(slice(0, 2), l), b)[1])(bytearray(b"xyz")))
run("fsum", lambda l: math.fsum(l))
run("prod", lambda l: math.prod(l[:8]))
run("dist", lambda l: round(math.dist(l[:4], l[4:8]), 6))
run("sorted", lambda l: [c.v for c in sorted(l, key=lambda c: -c.v, reverse=True)][:5])
