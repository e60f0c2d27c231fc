# enum in everyday code: match statements, dict keys, sorting, nesting, dir(), global_enum, threads.
import threading
from enum import Enum, IntEnum, Flag, auto, global_enum


class Op(Enum):
    ADD = '+'
    SUB = '-'
    MUL = '*'

    def apply(self, a, b):
        match self:
            case Op.ADD:
                return a + b
            case Op.SUB:
                return a - b
            case _:
                return a * b


def classify(v):
    match v:
        case Op.ADD | Op.SUB:
            return 'additive'
        case Op():
            return 'other op'
        case _:
            return 'not an op'


print([op.apply(6, 3) for op in Op], [classify(x) for x in (Op.SUB, Op.MUL, '+')])
print(Op('*'), {Op.ADD: 'plus'}.get(Op('+')), sorted(Op, key=lambda o: o.value))
print(dir(Op.ADD))
print(dir(Op))


class Token:
    class Kind(IntEnum):
        NUM = auto()
        NAME = auto()

    def __init__(self, kind, text):
        self.kind = kind
        self.text = text

    def __repr__(self):
        return 'Token(%r, %r)' % (self.kind, self.text)


toks = [Token(Token.Kind.NAME, 'x'), Token(Token.Kind.NUM, '1')]
print(toks, sorted(toks, key=lambda t: t.kind), Token.Kind.__qualname__)


class Registry(Enum):
    def __init_subclass__(cls, **kw):
        print('subclass', cls.__name__, sorted(kw.items()))
        super().__init_subclass__()


class Fruit(Registry, prefix='f'):
    APPLE = 1
    PEAR = 2


print(list(Fruit))


@global_enum
class Mode(IntEnum):
    FAST = 1
    SLOW = 2


print(repr(Mode.FAST), str(Mode.SLOW), FAST is Mode.FAST, SLOW + 0)


class Perm(Flag):
    R = 4
    W = 2
    X = 1


results = []


def worker(n):
    acc = Perm(0)
    for i in range(200):
        acc |= Perm(1 << (i % 3))
        acc &= ~Perm.X if i % 2 else acc
    results.append((n, acc, Perm(n % 8)))


ts = [threading.Thread(target=worker, args=(i,)) for i in range(4)]
for t in ts:
    t.start()
for t in ts:
    t.join()
print(sorted(results, key=lambda r: r[0]))
print(Perm.R.__reduce_ex__(4), Op.ADD.__reduce_ex__(2))
counts = {}
for word in ['+', '-', '+', '*', '+']:
    counts[Op(word)] = counts.get(Op(word), 0) + 1
print(counts, max(counts, key=counts.get))
