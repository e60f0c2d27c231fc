# _random.Random directly: seeding, random(), getrandbits, state round trips.
import _random


def t(f, *a, **k):
    try:
        r = f(*a, **k)
    except Exception as e:
        print('raised', type(e).__name__, '|', e)
    else:
        print('->', r)


R = _random.Random
print(R.__module__, R.__name__, sorted(n for n in dir(R) if not n.startswith('_')))

# Int seeds use the words of the absolute value; others their hash.
for seed in [0, 1, 5, -5, 42, 2**32 - 1, 2**32, 2**64 + 3, -(2**100), 10**50, True, False,
             1.5, -1.5, 0.0, 2.0, (1, 2, 3), (), -1]:
    g = R(seed)
    print(repr(seed), [g.random() for _ in range(3)], g.getrandbits(32))

g = R(2024)
print([g.getrandbits(k) for k in (0, 1, 2, 7, 31, 32, 33, 63, 64, 65, 96, 127, 128, 129)])
print(g.getrandbits(1000).bit_length() <= 1000, g.getrandbits(300) < 2**300)

# getstate / setstate: the tuple of 624 words and the index.
g = R(99)
st = g.getstate()
print(type(st).__name__, len(st), st[:4], st[-1], all(0 <= w < 2**32 for w in st))
first = [g.random() for _ in range(1000)]
print(g.getstate()[-1])
g.setstate(st)
print(first == [g.random() for _ in range(1000)])
h = R()
h.setstate(st)
print(h.random() == first[0])
g.seed(99)
print(g.getstate() == st)
g.seed()
print(g.getstate() != st)
g.seed(None)
print(0.0 <= g.random() < 1.0)
# The low 32 bits of each word are kept.
g.setstate(tuple(w + 2**32 for w in st[:-1]) + (st[-1],))
print(g.getstate() == st)

# Errors.
t(R, 1, 2)
t(R, x=1)
t(R, [])
t(g.seed, 1, 2)
t(g.seed, n=3)
t(g.seed, {})
t(g.getrandbits, -1)
t(g.getrandbits, 2**40)
t(g.getrandbits, 1.0)
t(g.getrandbits)
t(g.getrandbits, k=3)
t(g.random, 1)
t(g.getstate, 1)
t(g.setstate, 5)
t(g.setstate, [0] * 625)
t(g.setstate, (1,) * 3)
t(g.setstate)
for bad in [(1,) * 624 + (625,), (1,) * 624 + (-1,), ('a',) * 625, (-1,) * 625, (2**64,) * 625,
            (1,) * 624 + ('x',), (1.0,) * 625]:
    t(g.setstate, bad)


# Subclasses: their own __init__ may take keywords; otherwise Random refuses them.
class Mine(R):
    def __init__(self, a, scale=1):
        super().__init__(a)
        self.scale = scale

    def scaled(self):
        return self.random() * self.scale


m = Mine(3, scale=10)
print(m.scale, m.scaled(), isinstance(m, R), m.__dict__)


class Plain(R):
    pass


t(Plain, x=1)
t(Plain, 1, 2)
p = Plain(3)
p.extra = 1
print(p.random() == Mine(3).random(), p.extra)


class OwnNew(R):
    def __new__(cls, *a, **k):
        return super().__new__(cls)


t(OwnNew, 3, x=1)
print(OwnNew(8).random() == R(8).random())
