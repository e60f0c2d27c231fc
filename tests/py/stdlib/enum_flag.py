# enum.Flag and IntFlag: combining, inverting, iterating, containment, boundaries.
from enum import Flag, IntFlag, auto, STRICT, CONFORM, EJECT, KEEP, FlagBoundary


def show(label, f):
    try:
        print(label, repr(f()))
    except Exception as e:
        print(label, type(e).__name__, e)


class Perm(Flag):
    READ = auto()
    WRITE = auto()
    EXEC = auto()
    RW = READ | WRITE
    ALL = READ | WRITE | EXEC


rw = Perm.READ | Perm.WRITE
print(rw, repr(rw), rw is Perm.RW, rw.name, rw.value)
print(Perm.READ | Perm.EXEC, repr(Perm.READ | Perm.EXEC), (Perm.READ | Perm.EXEC).name)
print(list(Perm), len(Perm), list(Perm.__members__))
print(list(Perm.ALL), list(Perm.READ | Perm.EXEC), list(Perm(0)), len(Perm.ALL), len(Perm(0)))
print(~Perm.READ, repr(~Perm.READ), ~Perm.ALL, repr(~Perm.ALL), ~~Perm.EXEC)
print(Perm.ALL & Perm.WRITE, Perm.ALL ^ Perm.WRITE, Perm.RW & Perm.EXEC, bool(Perm.RW & Perm.EXEC))
print(Perm.READ in Perm.RW, Perm.EXEC in Perm.RW, Perm.RW in Perm.ALL, Perm(0) in Perm.READ)
print(Perm(0), repr(Perm(0)), Perm(0).name, bool(Perm(0)), bool(Perm.READ))
print(Perm(3), Perm(5), Perm(7), Perm(6) is Perm(6))
print(format(Perm.RW), f"{Perm.READ|Perm.EXEC:>20}|", str(Perm.EXEC))
print(Perm._boundary_, Perm.READ == 1, Perm.READ.value == 1)
r = Perm.READ
r |= Perm.EXEC
print(r, r & Perm.READ)
show("or int:", lambda: Perm.READ | 4)
show("contains int:", lambda: 1 in Perm.RW)
show("bad value:", lambda: Perm('x'))
show("out of range conform:", lambda: Perm(9))
show("negative:", lambda: Perm(-1))


class Color(IntFlag):
    RED = 4
    GREEN = 2
    BLUE = 1
    PURPLE = 5


c = Color.RED | Color.BLUE
print(c, repr(c), c is Color.PURPLE, str(Color.RED | Color.GREEN), repr(Color.RED | Color.GREEN))
print(Color.RED + 1, Color.RED * 2, Color.RED == 4, Color.GREEN < Color.RED, int(Color.GREEN))
print(Color.RED | 8, repr(Color.RED | 8), (Color.RED | 8).name, repr(Color(16)), str(Color(16)))
print(repr(Color(0)), str(Color(0)), repr(~Color.RED), repr(~Color(0)), repr(Color(-1)))
print(repr(3 | Color.RED), repr(Color.GREEN & 6), repr(Color.GREEN ^ 7), repr(1 ^ Color.BLUE))
print(list(Color), list(Color(7)), list(Color(15)), len(Color(7)))
print(format(Color.RED), f"{Color.RED:03b}", "%d %s" % (Color.GREEN, Color.GREEN), Color._boundary_)
print(isinstance(Color.RED, int), sorted([Color.RED, Color.BLUE, Color.GREEN]))
show("IntFlag or str:", lambda: Color.RED | 'a')


class Strict(Flag, boundary=STRICT):
    A = 1
    B = 2


print(Strict(3), Strict._boundary_)
show("strict 4:", lambda: Strict(4))
show("strict 7:", lambda: Strict(7))


class Conform(Flag, boundary=CONFORM):
    A = 1
    B = 4


print(repr(Conform(7)), repr(Conform(2)), repr(~Conform.A))


class Eject(Flag, boundary=EJECT):
    A = 1
    B = 4


print(repr(Eject(7)), type(Eject(7)).__name__, repr(Eject(5)), repr(~Eject.A))


class Keep(Flag, boundary=KEEP):
    A = 1
    B = 4


print(repr(Keep(7)), str(Keep(7)), repr(Keep(2)), str(Keep(2)), repr(~Keep.A), Keep(2).name)
print(list(FlagBoundary), FlagBoundary.KEEP == 'keep', str(STRICT))


class Empty(Flag):
    NONE = 0
    X = 1
    Y = 2


print(list(Empty), Empty(0), Empty.NONE in Empty.X, repr(~Empty.NONE), Empty.X | Empty.NONE)


class Opts(Flag):
    A = auto()
    B = 8
    C = auto()


print([(o.name, o.value) for o in Opts])
