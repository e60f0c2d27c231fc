# `%` formatting of seeded random formats (conversions with and without
# flags, escapes, stray `%`, non-ASCII text) over random argument tuples
# and single arguments: every result or error as CPython gives it, whichever
# of ProtoPy's formatters (the pieces path or the general one) serves it.
import random

r = random.Random(7)
# Each piece with the number of arguments it converts; the rare ones
# (a stray `%`, a mapping key) end in errors.
pieces = [("%s", 1)] * 6 + [("%d", 1)] * 3 + [("%i", 1), ("%%", 0), ("%%", 0)]
pieces += [("a", 0), ("é", 0), (" ", 0), ("ab", 0), ("%r", 1), ("%5s", 1), ("%-3d", 1)]
pieces += [("%", 0), ("x%", 0), ("%(k)s", 0)]
strs = ["s", "é", "", "\ud800", "text"]
ints = [3, -7, 0, 2 ** 62, 2 ** 64, -(2 ** 63)]
others = [True, 1.5, None, ("t",), [1]]
for n in range(3000):
    chosen = [r.choice(pieces[:-3] if r.random() < 0.9 else pieces) for _ in range(r.randrange(0, 20))]
    fmt = "".join(p for p, _ in chosen)
    k = sum(c for _, c in chosen)
    if r.random() < 0.2:
        k = r.randrange(0, 10)
    pool = r.choice([strs, ints, strs + ints, strs + ints + others])
    args = tuple(r.choice(pool) for _ in range(k))
    if k == 1 and r.random() < 0.5:
        args = args[0]
    try:
        res = ascii(fmt % args)
    except Exception as e:
        res = "%s: %s" % (type(e).__name__, e)
    print(n, res)
