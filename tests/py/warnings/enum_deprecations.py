# warnings: the DeprecationWarnings of CPython 3.11's enum (in with a non-member,
# auto() after unordered values, a class defined in an enum body), located at the
# line that triggers them.
import enum
import warnings
from enum import Enum, auto


class Color(Enum):
    RED = 1
    GREEN = 2


try:
    1 in Color
except TypeError as e:
    print("TypeError", e)
print(Color.RED in Color)


class Mixed(Enum):
    A = 3
    B = 1
    C = auto()


print(list(Mixed))


class Ok(Enum):
    A = 1
    B = 5
    C = auto()


print(list(Ok))


class Unordered(Enum):
    A = 1
    B = 5
    C = 3
    D = auto()


print([(m.name, m.value) for m in Unordered])


class Strs(Enum):
    A = "x"
    B = auto()


print(list(Strs))


class Nums(Enum):
    A = "x"
    B = 2
    C = auto()


print(list(Nums))


class Outer(Enum):
    A = 1

    class Inner:
        pass


print(list(Outer))
with warnings.catch_warnings(record=True) as log:
    warnings.simplefilter("always")
    try:
        "RED" in Color
    except TypeError:
        pass

    class Later(Enum):
        X = 2
        Y = 1
        Z = auto()
for w in log:
    print(w.lineno, w.category.__name__, w.message)
