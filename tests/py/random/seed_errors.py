# random.py's argument checks over the native generator.
import _stdlib
import random


def t(f, *a, **k):
    try:
        r = f(*a, **k)
    except Exception as e:
        print('raised', type(e).__name__, '|', e)
    else:
        print('->', r)


r = random.Random(1)
t(r.randrange, 0)
t(r.randrange, 5, 5)
t(r.randrange, 1, 10, 0)
t(r.randrange, 1.5)
t(r.randint, 5, 1)
t(r.choice, [])
t(r.sample, range(3), 5)
t(r.sample, range(3), -1)
t(r.sample, {1, 2}, 1)
t(r.choices, [], k=2)
t(r.choices, 'ab', weights=[1], k=2)
t(r.choices, 'ab', weights=[0, 0], k=2)
t(r.choices, 'ab', weights=[1, 1], cum_weights=[1, 2])
t(r.seed, [1, 2])
t(r.seed, {'a': 1})
t(r.setstate, (99, (), None))
t(r.setstate, (3, (0,) * 10, None))
t(r.getrandbits, -1)
t(r.randbytes, -1)
t(r.expovariate, 0)
t(r.gauss, 0, -1)
t(r.triangular, 1, 1)
# Version 1 seeding of strings (the old algorithm, still supported).
r.seed('abc', version=1)
print(r.random())
r.seed(b'abc', version=1)
print(r.random())
t(r.seed, 'abc', version=3)
print(random.Random(0).random() == random.Random(False).random())
