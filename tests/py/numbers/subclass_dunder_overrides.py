# Builtins and operators on instances of int/float/str/list subclasses call
# the dunders the subclass overrides (as CPython's type slots do) and use
# the builtin value only where nothing is overridden.
import math
import operator


class Weird(int):
    def __abs__(self): return "abs!"
    def __neg__(self): return "neg!"
    def __pos__(self): return "pos!"
    def __invert__(self): return "invert!"
    def __round__(self, n=None): return ("round!", n)
    def __divmod__(self, other): return ("divmod!", other)
    def __rdivmod__(self, other): return ("rdivmod!", other)
    def __pow__(self, other, mod=None): return ("pow!", other, mod)
    def __rpow__(self, other, mod=None): return ("rpow!", other, mod)
    def __int__(self): return 1000
    def __float__(self): return 0.25
    def __index__(self): return 5
    def __trunc__(self): return "trunc!"
    def __floor__(self): return "floor!"
    def __ceil__(self): return "ceil!"
    def __hash__(self): return 12345
    def __bool__(self): return False
    def __lt__(self, other): return "lt!"
    def __gt__(self, other): return "gt!"
    def __format__(self, spec): return "format!" + spec
    def __repr__(self): return "Weird()"


w = Weird(7)
checks = {
    "abs": lambda: abs(w), "neg": lambda: -w, "pos": lambda: +w, "invert": lambda: ~w,
    "round": lambda: round(w), "round2": lambda: round(w, 2), "round_none": lambda: round(w, None),
    "divmod": lambda: divmod(w, 3), "rdivmod": lambda: divmod(3, w),
    "pow": lambda: pow(w, 2), "pow3": lambda: pow(w, 2, 5), "rpow": lambda: 2 ** w,
    "pow3_exp": lambda: pow(2, w, 5),
    "int": lambda: int(w), "float": lambda: float(w), "complex": lambda: complex(w),
    "trunc": lambda: math.trunc(w), "floor": lambda: math.floor(w), "ceil": lambda: math.ceil(w),
    "hash": lambda: hash(w), "bool": lambda: bool(w), "not": lambda: not w,
    "lt": lambda: w < 1, "gt_reflected": lambda: 1 > w, "format": lambda: format(w, "^9"),
    "fstring": lambda: f"{w:>4}",
    # the value itself, not __index__, for int subclasses
    "index": lambda: operator.index(w), "range": lambda: range(w), "hex": lambda: hex(w),
    "subscript": lambda: "abcdefgh"[w], "percent_d": lambda: "%d" % w,
    "math.sqrt": lambda: math.sqrt(w),
}
for name, f in checks.items():
    try:
        print(name, repr(f()))
    except Exception as ex:
        print(name, type(ex).__name__, ex)


class Celsius(float):
    def __abs__(self): return Celsius(-float(self) if self < 0 else float(self))
    def __round__(self, n=None): return "%.1f C" % float(self) if n is None else round(float(self), n)
    def __neg__(self): return "freezing"
    def __int__(self): return -273
    def __float__(self): return 1.5
    def __floor__(self): return "floor C"
    def __mod__(self, other): return "mod C"
    def __lt__(self, other): return "C<"
    def __radd__(self, other): return "radd C"
    def __repr__(self): return "Celsius(%s)" % float.__repr__(self)


c = Celsius(-3.75)
print(abs(c), type(abs(c)).__name__, round(c), round(c, 1), -c, int(c), float(c))
print(math.floor(c), math.ceil(c), math.trunc(c), c % 2, divmod(c, 2), 10 > c, 1 + c, c + 1)
print(math.fabs(c), math.isfinite(c), complex(c), "%.2f" % c, str(c))
try:
    pow(c, 2, 3)
except TypeError as ex:
    print("TypeError", ex)


class Plain(int):
    pass


class PlainF(float):
    pass


p, q = Plain(-9), PlainF(-2.5)
for v in [abs(p), -p, ~p, round(p), round(p, -1), int(p), float(p), divmod(p, 4), pow(p, 2, 7),
          math.floor(p), operator.index(p), abs(q), round(q), round(q, 0), int(q), float(q),
          divmod(q, 2), math.floor(q), math.ceil(q), -q, q < p, p > q]:
    print(repr(v), type(v).__name__)


class Shout(str):
    def __len__(self): return 99
    def __int__(self): return 7
    def __float__(self): return 7.5
    def __contains__(self, item): return item == "?"
    def __getitem__(self, i): return "item!"
    def upper(self): return "UPPER!"


s = Shout("hello")
print(len(s), int(s), float(s), "?" in s, "h" in s, s[0], s.upper(), str.upper(s))
print(s.startswith("he"), s + "!", s * 2, list(s), str.__len__(s), "%s" % s, s == "hello")


class Quiet(str):
    pass


print(int(Quiet("42")), float(Quiet("2.5")), len(Quiet("abc")), Quiet("x") + "y")
try:
    int(Quiet("nope"))
except ValueError as ex:
    print("ValueError", ex)


class Stack(list):
    def __len__(self): return 100
    def __bool__(self): return False


st = Stack([1, 2, 3])
print(len(st), bool(st), st[-1], st[-3:], list.__len__(st), list(reversed(st)), st.pop(), st)


class Lazy(int):
    def __int__(self): return "not an int"


try:
    int(Lazy(3))
except TypeError as ex:
    print("TypeError", ex)


class BadFloat(float):
    def __float__(self): return 2


try:
    float(BadFloat(3.0))
except TypeError as ex:
    print("TypeError", ex)
