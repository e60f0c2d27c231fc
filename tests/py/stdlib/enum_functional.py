# enum functional API, _generate_next_value_, _missing_, custom __new__, signal enums.
from enum import Enum, IntEnum, Flag, IntFlag, StrEnum, auto
import signal


def show(label, f):
    try:
        print(label, repr(f()))
    except Exception as e:
        print(label, type(e).__name__, e)


Animal = Enum('Animal', 'ANT BEE CAT DOG')
print(Animal, list(Animal), Animal.CAT, Animal(2), Animal['DOG'].value, Animal.__name__)
print(list(Enum('Sep', 'a,b, c')), list(Enum('Lst', ['x', 'y'], start=0)))
print(list(Enum('Pairs', [('ONE', 'uno'), ('TWO', 'dos')])), list(Enum('Map', {'k': 10, 'j': 20})))
print(list(IntEnum('Small', 'A B C')), IntEnum('Small', 'A B C').B + 1)
print(list(Flag('Bits', 'R W X')), Flag('Bits', 'R W X').X.value)
print(list(IntFlag('IB', ['P', 'Q'])), list(StrEnum('Words', 'Hello World')))
print(list(Enum('Typed', 'ONE TWO', type=int)), Enum('Typed', 'ONE TWO', type=int).TWO * 10)
Q = Enum('Q', 'A B', module='mymod', qualname='Outer.Q')
print(Q.__module__, Q.__qualname__, Q.A, repr(Q.B))
print(list(Enum('Nothing', [])), len(Enum('Nothing', '')))


class Lower(Enum):
    def _generate_next_value_(name, start, count, last_values):
        return '%s#%d/%d%s' % (name.lower(), start, count, last_values)

    FIRST = auto()
    SECOND = auto()
    THIRD = 'fixed'
    FOURTH = auto()


print([m.value for m in Lower])


class Counter(Enum):
    A = 5
    B = auto()
    C = 1, auto()


print(list(Counter))


class Tolerant(Enum):
    ONE = 1
    TWO = 2

    @classmethod
    def _missing_(cls, value):
        if isinstance(value, str):
            for m in cls:
                if m.name == value.upper():
                    return m
        if value == 'bogus':
            return 42
        if value == 0:
            raise LookupError('zero is not allowed')
        return None


print(Tolerant('one'), Tolerant('Two'), Tolerant(1))
show("missing returns None:", lambda: Tolerant(3))
show("missing raises:", lambda: Tolerant(0))
show("missing bad type:", lambda: Tolerant('bogus'))


def context_of_missing():
    try:
        Tolerant(0)
    except LookupError as e:
        return type(e.__context__).__name__, str(e.__context__)


print(context_of_missing())


class Measure(Enum):
    def __new__(cls, code, label):
        obj = object.__new__(cls)
        obj._value_ = code
        obj.label = label
        return obj

    KG = 1, 'kilogram'
    LB = 2, 'pound'


print(Measure.KG, Measure(2), Measure.LB.label, Measure.KG.value, list(Measure))


class Ordinal(int, Enum):
    def __new__(cls, value, word):
        obj = int.__new__(cls, value)
        obj._value_ = value
        obj.word = word
        return obj

    FIRST = 1, 'first'
    SECOND = 2, 'second'


print(Ordinal.SECOND, Ordinal(1).word, Ordinal.FIRST + 10, repr(Ordinal.SECOND))


class Described(Enum):
    _order_ = 'X Y'
    X = 'ex'
    Y = 'why'

    def __init__(self, text):
        self.length = len(text)


print([(d.name, d.length) for d in Described], Described.__dict__.get('_order_'))

print(repr(signal.SIGINT), signal.SIGINT, repr(signal.SIGTERM), signal.SIGTERM + 0)
print(signal.Signals, signal.Handlers, list(signal.Handlers), repr(signal.SIG_DFL))
print(repr(signal.Signals(10)), repr(signal.Signals['SIGKILL']), signal.SIGUSR1 == 10)
print(repr(signal.SIGIOT), repr(signal.SIGPOLL), isinstance(signal.SIGHUP, int))
print(repr(signal.getsignal(signal.SIGUSR2)), repr(signal.signal(signal.SIGUSR2, signal.SIG_IGN)))
print(repr(signal.getsignal(signal.SIGUSR2)), repr(signal.signal(signal.SIGUSR2, signal.SIG_DFL)))
print(signal.SIGINT in signal.valid_signals(), repr(min(signal.valid_signals())))
print(signal.strsignal(signal.SIGTERM), signal.Signals.SIGINT.name, signal.SIGCHLD.value)
