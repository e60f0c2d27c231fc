# Calling a type whose own __new__ is native (Decimal, datetime, deque, dict,
# frozenset...) with positional arguments: the same results and errors as
# the general call path, for the type itself and for its subclasses.
from collections import deque, OrderedDict
from datetime import date, timedelta
from decimal import Decimal, Context


def show(label, f):
    try:
        r = f()
        print(label, type(r).__name__, repr(r))
    except Exception as e:
        print(label, type(e).__name__, e)


for _ in range(2):
    show("dec", lambda: Decimal(5))
    show("dec str", lambda: Decimal("1.50"))
    show("dec none", lambda: Decimal())
    show("dec ctx", lambda: Decimal("1.23456", Context(prec=3)))
    show("dec kw", lambda: Decimal(value="2"))
    show("dec bad", lambda: Decimal([1]))
    show("dec many", lambda: Decimal(1, None, 3))
    show("date", lambda: date(2026, 11, 27))
    show("date bad", lambda: date(2026, 13, 1))
    show("date few", lambda: date(2026))
    show("td", lambda: timedelta(1, 2, 3))
    show("deque", lambda: deque([1, 2, 3], 2))
    show("frozenset", lambda: frozenset("aba") == frozenset("ab"))
    show("odict", lambda: OrderedDict([(1, 2)]))


class D(Decimal):
    def __init__(self, *args):
        self.note = "init ran with %d args" % len(args)


d = D("7")
print(type(d).__name__, d, d.note)


class Subdate(date):
    pass


show("subdate", lambda: Subdate(2020, 1, 2))
show("new direct", lambda: Decimal.__new__(Decimal, "3"))
show("new sub", lambda: Decimal.__new__(D, "3"))
show("new bad", lambda: Decimal.__new__(int, "3"))
