# sum() over generators: the totals, and the order in which the generator
# runs against the additions (observable through side effects), as CPython
# adds each item when it is yielded.
import math

log = []


def numbers(n):
    for i in range(n):
        log.append(("yield", i))
        yield i


print(sum(numbers(5)), log)
log.clear()

print(sum(x * 0.5 for x in range(1001)))
print(sum((x for x in range(10**5)), 10))
print(sum((x for x in [1.5, 2, 3]), 0.25))
print(sum(x for x in []))
print(sum((x for x in []), 7.5))
print(sum(True for _ in range(300)))
print(sum(x ** 5 for x in range(1000)))
print(sum((2**62 + x for x in range(600))))
print(sum((-(2**61) for _ in range(600))))
print(math.isnan(sum(x for x in [float("inf"), float("-inf"), 1])))


class Loud:
    # An object whose additions are logged: the generator must not run
    # ahead of an addition that runs Python code.
    def __init__(self, v):
        self.v = v

    def __add__(self, other):
        log.append(("add", other))
        return Loud(self.v + (other.v if isinstance(other, Loud) else other))

    __radd__ = __add__

    def __repr__(self):
        return "Loud(%r)" % (self.v,)


def mixed():
    for i in range(4):
        log.append(("yield", i))
        yield i
    log.append(("yield", "loud"))
    yield Loud(100)
    for i in range(4, 7):
        log.append(("yield", i))
        yield i


print(sum(mixed()))
print(log)
log.clear()
print(sum(mixed(), Loud(0)))
print(log)
log.clear()


def failing():
    yield 1
    yield 2.5
    log.append("before the error")
    raise KeyError("in the generator")


try:
    sum(failing())
except KeyError as e:
    print("KeyError", e, log)
log.clear()


def bad_item():
    for i in range(3):
        log.append(("yield", i))
        yield i
    log.append(("yield", "str"))
    yield "s"
    log.append(("yield", "after"))
    yield 99


g = bad_item()
try:
    sum(g)
except TypeError as e:
    print("TypeError", e)
print(log)
print("rest:", list(g))
log.clear()


def big_then_float():
    yield 10**400
    log.append("yielded the big int")
    yield 1.0
    log.append("ran on after the float")
    yield 2


g = big_then_float()
try:
    sum(g)
except OverflowError as e:
    print("OverflowError", e, log)
print("rest:", list(g))


class IntSub(int):
    def __add__(self, other):
        log.append(("IntSub add", other))
        return IntSub(int(self) + other)

    __radd__ = __add__


log.clear()
print(sum((x for x in range(3)), IntSub(5)), log)
log.clear()


def gen_of_subs():
    for i in range(3):
        log.append(("yield", i))
        yield IntSub(i)


print(sum(gen_of_subs()), log)
