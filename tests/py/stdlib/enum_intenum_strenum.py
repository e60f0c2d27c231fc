# enum: IntEnum, StrEnum, ReprEnum and data-type mixins (3.11 str()/format() rules).
from enum import Enum, IntEnum, StrEnum, ReprEnum, auto


def show(label, f):
    try:
        print(label, repr(f()))
    except Exception as e:
        print(label, type(e).__name__, e)


class Level(IntEnum):
    LOW = 1
    MID = 5
    HIGH = 10


print(Level.MID, repr(Level.MID), str(Level.MID), format(Level.MID), f"{Level.HIGH:04d}|{Level.LOW:>3}|{Level.MID!s}|{Level.MID!r}")
print("%s %d %r" % (Level.LOW, Level.LOW, Level.LOW), "{}".format(Level.HIGH))
print(Level.LOW + Level.MID, Level.HIGH - 1, Level.MID * 2, Level.HIGH // 3, -Level.LOW, abs(Level.LOW))
print(Level.LOW < Level.HIGH, Level.MID == 5, Level.MID != 5, max(Level), min(Level), sorted([10, Level.MID, 3]))
print(Level(10), Level['LOW'], int(Level.HIGH), float(Level.MID), [0, 1, 2, 3, 4, 5][Level.MID])
print(isinstance(Level.LOW, int), type(Level.LOW + 0), Level.HIGH.real, Level.HIGH.bit_length())
print(hash(Level.MID) == hash(5), {5: 'five'}[Level.MID], Level.MID in [1, 5], 5 in [Level.MID])
print(Level.__mro__)
print(list(Level), len(Level), Level.MID.name, Level.MID.value, type(Level.MID.value))
show("Level(7):", lambda: Level(7))
show("Level('x'):", lambda: Level('x'))


class Numbers(IntEnum):
    ONE = '1'
    TWO = '2'


print(Numbers.ONE, repr(Numbers.TWO), Numbers.TWO.value, Numbers(2))


class Color(StrEnum):
    RED = auto()
    GREEN = auto()
    DARK_BLUE = auto()
    LIGHT = 'light-grey'


print(Color.RED, repr(Color.RED), str(Color.GREEN), format(Color.DARK_BLUE), f"[{Color.LIGHT:^14}]")
print(list(Color), Color('green'), Color['LIGHT'], Color.RED == 'red', Color.RED + '!', Color.RED.upper())
print(Color.LIGHT.split('-'), len(Color.DARK_BLUE), 'e' in Color.GREEN, sorted(Color))
print(isinstance(Color.RED, str), "%s/%r" % (Color.RED, Color.RED), ', '.join(Color))
print(Color.__mro__)
show("Color(1):", lambda: Color(1))


def bad_strenum():
    class Bad(StrEnum):
        X = 1
    return Bad


def too_many():
    class Bad(StrEnum):
        X = 'a', 'utf-8', 'strict', 'extra'
    return Bad


def encoded():
    class Ok(StrEnum):
        X = b'abc', 'ascii'
    return list(Ok)


show("StrEnum int value:", bad_strenum)
show("StrEnum too many:", too_many)
show("StrEnum bytes:", encoded)


class Mixed(int, Enum):
    A = 1
    B = 2


print(Mixed.A, repr(Mixed.A), str(Mixed.B), format(Mixed.B), f"{Mixed.A:>6}|", Mixed.A + 1, Mixed.B == 2)


class FloatVal(float, Enum):
    HALF = 0.5
    QUARTER = 0.25


print(FloatVal.HALF, repr(FloatVal.QUARTER), FloatVal.HALF * 4, f"{FloatVal.HALF}")


class Custom(IntEnum):
    X = 3

    def __str__(self):
        return 'custom-%d' % self.value

    def __repr__(self):
        return 'C<%d>' % self.value


print(Custom.X, repr(Custom.X), format(Custom.X), f"{Custom.X}", [Custom.X])


class StrMix(str, Enum):
    A = 'alpha'


print(StrMix.A, repr(StrMix.A), format(StrMix.A), StrMix.A.upper(), StrMix.A == 'alpha')


def repr_only():
    class Quiet(ReprEnum):
        ONE = 1
    return Quiet


class Loud(int, ReprEnum):
    ONE = 1


show("ReprEnum without data type:", repr_only)
print(Loud.ONE, repr(Loud.ONE), f"{Loud.ONE:>3}", ReprEnum, IntEnum.__mro__)


class Grade(IntEnum):
    A = 90
    B = 80

    @classmethod
    def of(cls, score):
        for g in cls:
            if score >= g:
                return g
        return None

    def stars(self):
        return '*' * (self // 20)


print(Grade.of(95), Grade.of(85), Grade.of(10), Grade.A.stars(), Grade.B.stars())


# Which __str__/__format__/__repr__ wins: the class's, a base enum's, a mixin's, the data type's.
class LabelBase(IntEnum):
    def __str__(self):
        return 'label-' + self.name

    def __format__(self, spec):
        return 'fmt-' + self.name


class Labelled(LabelBase):
    A = 1


print(str(Labelled.A), format(Labelled.A), f"{Labelled.A}", repr(Labelled.A))


class Pretty(Enum):
    def __str__(self):
        return 'pretty-' + self.name


class PrettyInt(int, Pretty):
    A = 1


print(str(PrettyInt.A), format(PrettyInt.A), repr(PrettyInt.A))


class Talker:
    def __str__(self):
        return 'talker'

    def __repr__(self):
        return 'TalkerRepr'


class Talking(Talker, Enum):
    A = 1


print(str(Talking.A), format(Talking.A), repr(Talking.A))


class MyInt(int):
    def __repr__(self):
        return 'MyInt(%d)' % self


class WithMyInt(MyInt, Enum):
    A = 1


print(str(WithMyInt.A), format(WithMyInt.A), repr(WithMyInt.A), WithMyInt.A + 1)
