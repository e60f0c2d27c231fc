# Special methods called directly with keyword arguments: slot wrappers and the
# fixed-arity methods of builtin types take none, each with CPython's wording; the
# same calls with positional arguments work.
import decimal

D = decimal.Decimal
cases = [
    ("list.__add__", lambda: [1].__add__(other=[2]), lambda: [1].__add__([2])),
    ("int.__add__", lambda: (1).__add__(x=2), lambda: (1).__add__(2)),
    ("list.__contains__", lambda: [1].__contains__(x=1), lambda: [1].__contains__(1)),
    ("dict.__sizeof__", lambda: {}.__sizeof__(x=1), None),
    ("float.__round__", lambda: (1.5).__round__(ndigits=1), lambda: (1.25).__round__(1)),
    ("int.__round__", lambda: (5).__round__(ndigits=1), lambda: (15).__round__(-1)),
    ("int.__pow__", lambda: (2).__pow__(3, mod=5), lambda: (2).__pow__(3, 5)),
    ("dict.__getitem__", lambda: {1: 2}.__getitem__(key=1), lambda: {1: 2}.__getitem__(1)),
    ("list.__setitem__", lambda: [0].__setitem__(0, value=1), None),
    ("int.__eq__", lambda: (1).__eq__(other=1), lambda: (1).__eq__(1)),
    ("Decimal.__add__", lambda: D(1).__add__(other=2), lambda: D(1).__add__(2)),
    ("Decimal.__radd__", lambda: D(1).__radd__(other=2), lambda: D(1).__radd__(2)),
    ("Decimal.__eq__", lambda: D(1).__eq__(other=1), lambda: D(1).__eq__(1)),
    ("Decimal.__lt__", lambda: D(1).__lt__(other=2), lambda: D(1).__lt__(2)),
    ("Decimal.__pow__", lambda: D(2).__pow__(2, modulo=5), lambda: D(2).__pow__(3, 5)),
    ("Decimal.__round__", lambda: D("1.55").__round__(n=1), lambda: D("1.55").__round__(1)),
    ("Decimal.__format__", lambda: D(1).__format__(specifier="d"), lambda: D("1.5").__format__(".2f")),
    ("Decimal.__neg__", lambda: D(1).__neg__(x=1), lambda: D(1).__neg__()),
]
for name, bad, good in cases:
    try:
        bad()
        print(name, "accepted keywords")
    except TypeError as e:
        print(name, "TypeError:", e)
    if good is not None:
        print(name, "->", good())

# Arity errors of the same methods, positional.
for name, f in [
    ("Decimal.__add__()", lambda: D(1).__add__()),
    ("Decimal.__add__(1, 2)", lambda: D(1).__add__(1, 2)),
    ("list.__add__()", lambda: [].__add__()),
]:
    try:
        f()
    except TypeError as e:
        print(name, "TypeError:", e)

# The operators themselves, through the same methods.
a, b = D("1.1"), D("2.2")
print(a + b, a * 3, 3 - a, a < b, a == D("1.10"), b / 2, -a, round(b))

# A format spec the C module cannot parse.
try:
    format(D(1), "d")
except ValueError as e:
    print("ValueError:", e)
