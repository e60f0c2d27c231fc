# random.Random subclasses and copies over the native generator.
import _stdlib
import copy
import random

r = random.Random(11)
r.random()
c = copy.deepcopy(r)
print(type(c).__name__, [c.random() for _ in range(3)] == [r.random() for _ in range(3)])
print(r.__reduce__()[0] is random.Random, len(r.__reduce__()[2][1]))


class Half(random.Random):
    def random(self):
        return 0.5


h = Half(3)
print(h.randrange(10), h.choice('abc'), h.uniform(0, 4), h.randint(1, 3))


class Bits(random.Random):
    def __init__(self, seed, tag):
        super().__init__(seed)
        self.tag = tag


b = Bits(8, 'x')
print(b.tag, b.random() == random.Random(8).random(), b.gauss_next)
print(random.Random(5).randbytes(3), random.randrange(1))
u = random.Random()
print(type(u.random()).__name__, 0 <= u.getrandbits(8) < 256)
