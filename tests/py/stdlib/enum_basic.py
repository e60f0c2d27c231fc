# enum: definition, lookup by value and name, iteration, aliases, repr/str/format.
from enum import Enum, EnumMeta, EnumType, auto, unique


def show(label, f):
    try:
        print(label, repr(f()))
    except Exception as e:
        print(label, type(e).__name__, e)


class Planet(Enum):
    MERCURY = 1
    VENUS = 2
    EARTH = 3
    TERRA = 3  # alias of EARTH
    MARS = 4

    def describe(self):
        return "%s is planet number %d" % (self.name.title(), self.value)

    @classmethod
    def inner(cls):
        return [p for p in cls if p.value < 3]

    @property
    def is_home(self):
        return self is Planet.EARTH


print(Planet.EARTH, repr(Planet.EARTH), Planet.EARTH.name, Planet.EARTH.value)
print(type(Planet.EARTH), type(Planet), Planet, Planet.__name__)
print(Planet(2), Planet['MARS'], Planet.TERRA, Planet.TERRA is Planet.EARTH)
print(list(Planet), len(Planet))
print([p.name for p in reversed(Planet)])
print(list(Planet.__members__), Planet.__members__['TERRA'])
print(Planet.EARTH.describe(), Planet.inner(), Planet.EARTH.is_home, Planet.MARS.is_home)
print(Planet.EARTH in Planet, Planet.MARS == Planet.MARS, Planet.MARS != Planet.EARTH)
print(Planet.EARTH == 3, Planet(Planet.VENUS) is Planet.VENUS)
print(isinstance(Planet.VENUS, Planet), isinstance(Planet.VENUS, Enum), issubclass(Planet, Enum))
print(EnumMeta is EnumType, isinstance(Planet, EnumMeta))
print(format(Planet.MARS), "[%s]" % Planet.MARS, f"{Planet.MARS}|{Planet.MARS!r}|{Planet.MARS:>14}|")
print(str(Planet.VENUS), "{:<12}!".format(Planet.VENUS))
print(hash(Planet.MARS) == hash(Planet.MARS), {Planet.MARS: 'red'}[Planet(4)])
print(sorted(Planet, key=lambda p: -p.value))
print(bool(Planet.MERCURY), Planet._member_names_)
print({p: p.value for p in Planet})
print(dir(Planet))
print(Planet.MARS.__class__ is Planet, Planet.EARTH._name_, Planet.EARTH._value_)

show("by value 7:", lambda: Planet(7))
show("by name:", lambda: Planet['PLUTO'])
show("attr:", lambda: Planet.PLUTO)
show("lt:", lambda: Planet.MERCURY < Planet.VENUS)


class Status(Enum):
    ACTIVE = auto()
    PAUSED = auto()
    STOPPED = 10
    FAILED = auto()


print(list(Status), [s.value for s in Status])


class Mood(Enum):
    name = 'n'
    value = 'v'
    other = 'o'


print(Mood.name, Mood.value, Mood.name.name, Mood.name.value, Mood.value.name, Mood.value.value)


class Shape(Enum):
    SQUARE = 2
    DIAMOND = 1
    CIRCLE = 3
    ALIAS_FOR_SQUARE = 2
    _ignore_ = 'scratch'
    scratch = 99

    def __str__(self):
        return 'shape:' + self.name.lower()


print(Shape.SQUARE, str(Shape.DIAMOND), repr(Shape.CIRCLE), f"{Shape.CIRCLE:>15}", list(Shape))
print(Shape.ALIAS_FOR_SQUARE, hasattr(Shape, 'scratch'), len(Shape.__members__))
for name, member in Shape.__members__.items():
    print(' ', name, '->', member.name)


@unique
class Weekday(Enum):
    MON = 1
    TUE = 2
    WED = 3


print(list(Weekday), Weekday.WED.value - Weekday.MON.value)


class Coin(Enum):
    PENNY = 1
    NICKEL = 5

    def __init__(self, cents):
        self.cents_ = cents * 1

    def __repr__(self):
        return 'Coin(%s)' % self.name


print(Coin.NICKEL, repr(Coin.PENNY), Coin.NICKEL.cents_, [Coin.PENNY, Coin.NICKEL])


class Base(Enum):
    def shout(self):
        return self.name.upper() + '!'


class Animal(Base):
    cat = 'meow'
    dog = 'woof'


print(Animal.cat.shout(), Animal('woof'), Animal.__mro__, list(Base))


class Pair(Enum):
    A = 1, 2
    B = (3, 4)

    def __init__(self, x, y):
        self.x = x
        self.y = y


print(Pair.A, Pair.B.x + Pair.B.y, Pair((1, 2)), Pair.A.value)


class Lists(Enum):
    ONE = [1]
    TWO = [1, 2]


print(Lists([1, 2]), Lists.ONE.value, Lists._unhashable_values_)
show("unhashable missing:", lambda: Lists([3]))
