# Single-thread speed benchmark: method calls and attribute reads/writes on small objects.
# Usage: method_calls.py [ITERS]   (default 1300000 iterations over 4 objects)
import sys

class Point:
    def __init__(self, x, y):
        self.x = x
        self.y = y

    def move(self, dx, dy):
        self.x += dx
        self.y += dy
        return self

    def dot(self, other):
        return self.x * other.x + self.y * other.y

    def norm1(self):
        return abs(self.x) + abs(self.y)


class Particle(Point):
    def __init__(self, x, y, mass):
        super().__init__(x, y)
        self.mass = mass
        self.hits = 0

    def step(self, other):
        self.hits += 1
        d = self.dot(other) % 97
        self.move(d % 7 - 3, (d // 7) % 5 - 2)
        return self.energy()

    def energy(self):
        return self.mass * self.norm1()


def run(iters):
    ps = [Particle(i, -i, i + 1) for i in range(1, 5)]
    origin = Point(3, 4)
    total = 0
    for i in range(iters):
        p = ps[i & 3]
        total += p.step(origin)
        if p.norm1() > 1000:
            p.x, p.y = p.y % 100, p.x % 100
        total %= 1000000007
    return total, sum(p.hits for p in ps)

iters = int(sys.argv[1]) if len(sys.argv) > 1 else 1300000
t, h = run(iters)
print("checksum:", t, h)
