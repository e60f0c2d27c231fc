# Lengths up to sys.maxsize, __index__ errors of range() arguments, int
# parts too large for complex(), and powers of negative infinity.
import sys


def show(label, fn):
    try:
        print(label, fn())
    except Exception as e:
        print(label, type(e).__name__, e)


wide = range(-sys.maxsize, sys.maxsize, 2)
show("len wide", lambda: len(wide) == sys.maxsize)
show("len wider", lambda: len(range(-sys.maxsize, sys.maxsize)))


class Sized:
    def __init__(self, n):
        self.n = n

    def __len__(self):
        return self.n


show("len maxsize", lambda: len(Sized(sys.maxsize)) == sys.maxsize)
show("len maxsize+1", lambda: len(Sized(sys.maxsize + 1)))
show("len negative big", lambda: len(Sized(-(1 << 70))))


class Refuses:
    def __index__(self):
        raise PermissionError("no bounds for you")


class Wrong:
    def __index__(self):
        return 2.5


class Big:
    def __index__(self):
        return 3 * sys.maxsize


show("range refuses", lambda: range(Refuses()))
show("range wrong", lambda: range(1, Wrong()))
show("range float", lambda: range(1.0))
show("range big", lambda: list(range(Big(), 3 * sys.maxsize + 2)) == [3 * sys.maxsize, 3 * sys.maxsize + 1])

enormous = 7 ** 2000
for args in [(enormous,), (-enormous,), (1, enormous), (enormous, 1), (2, 3)]:
    show("complex", lambda: complex(*args))

ninf = float("-inf")
for y in (-0.5, 0.5, -1.0, 3.0, -2.0, 2.5, -3.0):
    show("(-inf)**%r" % y, lambda: ninf ** y)
show("(-8.0)**(1/3) is complex", lambda: type((-8.0) ** (1 / 3)).__name__)
