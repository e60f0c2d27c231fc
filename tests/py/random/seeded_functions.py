# random.py over the native generator: the same seeds give CPython's numbers.
import _stdlib
import random

for seed in [0, 1, 42, 12345, 2**40 + 7, -3, 'spam', b'eggs', bytearray(b'ham'), 2.5]:
    r = random.Random(seed)
    print('seed', repr(seed))
    print(' random', [r.random() for _ in range(3)])
    print(' randint', [r.randint(-10, 10) for _ in range(8)], r.randint(0, 10**40))
    print(' randrange', r.randrange(100), r.randrange(5, 500, 7), r.randrange(10, -10, -3), r.randrange(2**70))
    print(' choice', r.choice('abcdefgh'), r.choice(range(1000)), r.choice([None, True, 3.5]))
    items = list(range(15))
    r.shuffle(items)
    print(' shuffle', items)
    print(' sample', r.sample(range(1000), 6), r.sample('abcdefg', 3), r.sample(['x', 'y'], 2, counts=[2, 3]))
    print(' uniform', r.uniform(-1, 1), r.uniform(10, 20))
    print(' gauss', r.gauss(0, 1), r.gauss(10, 2), r.gauss())
    print(' normalvariate', r.normalvariate(0, 1), r.normalvariate(100, 15))
    print(' expovariate', r.expovariate(1.5), r.expovariate(0.1))
    print(' choices', r.choices('abc', k=5), r.choices(range(4), weights=[4, 3, 2, 1], k=4),
          r.choices('xy', cum_weights=[1, 10], k=3))
    print(' randbytes', r.randbytes(9), r.randbytes(0))
    print(' getrandbits', r.getrandbits(10), r.getrandbits(77))
    print(' triangular', r.triangular(), r.triangular(0, 10, 8))
    print(' others', r.betavariate(2, 5), r.gammavariate(0.5, 1), r.gammavariate(3, 2),
          r.lognormvariate(0, 0.5), r.paretovariate(3), r.weibullvariate(2, 1.5),
          r.vonmisesvariate(0.5, 4), r.binomialvariate(10, 0.3) if hasattr(r, 'binomialvariate') else '-')

# The module-level functions share one hidden instance.
random.seed(2718)
print(random.random(), random.randint(1, 6), random.choice('xyz'), random.getrandbits(40))
state = random.getstate()
a = [random.random() for _ in range(5)]
random.setstate(state)
print(a == [random.random() for _ in range(5)])
print(state[0], len(state[1]), state[2])
r = random.Random(5)
r.gauss(0, 1)
s = r.getstate()
print(s[2] is not None)
g1 = r.gauss(0, 1)
r.setstate(s)
print(g1 == r.gauss(0, 1))
