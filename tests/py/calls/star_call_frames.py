# f(*args, **kwargs) into Python functions and bound methods: binding,
# defaults, generators, errors with their tracebacks, recursion, and a
# star call whose arguments outgrow the caller's frame.
import sys
import traceback


def f(a, b=2, *rest, **kw):
    return (a, b, rest, sorted(kw.items()))


def plain(a, b, c=30, d=40):
    return a + b + c + d


class Acc:
    def __init__(self, start=0):
        self.total = start

    def add(self, *xs, scale=1):
        self.total += sum(xs) * scale
        return self.total


print(f(*[1]))
print(f(*(1, 2, 3, 4), **{"x": 5, "y": 6}))
print(f(**{"a": 9}))
print(f(1, *(), **{}))
print(plain(*[1, 2]), plain(*[1, 2, 3]), plain(1, *[2], **{"d": 4}))

acc = Acc(*[10])
bound = acc.add
print(bound(*(1, 2)), bound(*[3], **{"scale": 10}), Acc.add(acc, *[1]))


def gen(*xs):
    yield from xs


print(list(gen(*range(5))))

for args, kwargs in [((), {}), ((1,), {"a": 2}), ((1, 2, 3), {"zz": 1})]:
    try:
        print(plain(*args, **kwargs))
    except TypeError as e:
        print("TypeError:", e)


def boom(x, y=0):
    return x / y


def outer(*a):
    return boom(*a)


try:
    outer(1)
except ZeroDivisionError:
    tb = traceback.extract_tb(sys.exc_info()[2])
    print([(fr.name, fr.line) for fr in tb])

many = list(range(300))


def count(*a, **k):
    return len(a), len(k)


print(count(*many), count(*many, **{str(i): i for i in range(50)}))


def down(n):
    return n if n == 0 else down(*[n - 1])


print(down(300))


def forever(*a):
    return forever(*a)


try:
    forever(1)
except RecursionError as e:
    print("RecursionError:", e)

# dict.get with classes as keys (identity hashing), present and absent.
class K:
    pass


class Meta(type):
    def __hash__(cls):
        return 7

    def __eq__(cls, other):
        return isinstance(other, Meta)


class M1(metaclass=Meta):
    pass


class M2(metaclass=Meta):
    pass


table = {int: "int", K: "K", M1: "M1"}
print(table.get(int), table.get(K), table.get(str), table.get(str, "-"))
print(table.get(M2), table.get(M1))
