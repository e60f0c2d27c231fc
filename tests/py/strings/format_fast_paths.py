# The fast paths of printf-style %, str.format, format specs and int(str),
# and the cases that must leave them: subclasses with their own dunders,
# bools, big and negative ints, non-ASCII text, and every error.


def show(f):
    try:
        print(repr(f()))
    except Exception as e:
        print(type(e).__name__, e)


class MyInt(int):
    def __str__(self):
        return "MyInt-str"

    def __repr__(self):
        return "MyInt-repr"

    def __format__(self, spec):
        return "MyInt-format[" + spec + "]"

    def __index__(self):
        return 7


class MyStr(str):
    def __str__(self):
        return "MyStr-str"

    def __format__(self, spec):
        return "MyStr-format[" + spec + "]"


class IntStr(str):
    def __int__(self):
        return 99


class Idx:
    def __index__(self):
        return 10


big = 2**70
print("--- percent")
for x in (0, 5, -5, 123456789, -(2**63), 2**63, 2**64, big, -big, True, False, MyInt(3)):
    show(lambda: "%d-%s" % (x, "a"))
    show(lambda: "%i|%u|%x|%X|%o" % (x, x, x, x, x))
    show(lambda: "%#x|%#X|%#o|%5d|%-5d|%05d|%+d|% d|%.3d|%8.3x" % (x, x, x, x, x, x, x, x, x, x))
    show(lambda: "%s %r %a" % (x, x, x))
show(lambda: "%d" % 3.99)
show(lambda: "%d" % -3.99)
show(lambda: "%x" % 3.5)
show(lambda: "%x" % Idx())
show(lambda: "%d" % "x")
show(lambda: "%d %d" % (1,))
show(lambda: "%d" % (1, 2))
show(lambda: "%s" % ())
show(lambda: "%" % (1,))
show(lambda: "%z" % (1,))
show(lambda: "é%é" % (1,))
show(lambda: "%(a)s-%(b)05d" % {"a": "x", "b": 42})
show(lambda: "%(a)s" % {"b": 1})
show(lambda: "%(a)s" % (1,))
show(lambda: "%s|%5s|%-5s|%.2s|%5.1s" % ("héllo", "hé", "hé", "héllo", "héllo"))
show(lambda: "%c%c%c" % (65, "é", 0x1F600))
show(lambda: "%*d|%-*d|%.*f" % (5, 42, 4, 7, 2, 3.14159))
show(lambda: "%5.2f|%e|%g|%+.1f|%08.3f" % (3.14159, 12345.678, 0.0001, -2.5, -1.5))
show(lambda: "ünïcode %s and %d%%" % ("ß", 100))
show(lambda: "%s" % MyStr("q"))
show(lambda: "%r" % MyStr("q"))
show(lambda: b"%d-%s-%x" % (5, b"ab", 255))
show(lambda: b"%c%c" % (65, b"z"))
show(lambda: "%s" % "plain")
show(lambda: "no args" % ())
show(lambda: "%s %s" % ("a", "b"))
print("--- format")
for x in (0, 5, -5, 123456789, 2**64, big, -big, True, False, MyInt(3), 2.5, "s", MyStr("m")):
    show(lambda: "{}-{}".format(x, x))
    show(lambda: "{0!r}|{0!s}|{0!a}".format(x))
    show(lambda: "{:>8}|{:<6}|{:^7}".format(x, x, x))
for x in (0, 5, -5, 1234567, 2**64, big, -big, True):
    show(lambda: "{:5}|{:05}|{:+}|{:,}|{:_}|{:x}|{:#X}|{:#b}|{:o}|{:=8}|{:*^9}".format(*[x] * 11))
show(lambda: "{:08,}|{:_x}|{:,.2f}".format(1234, 0xABCDEF, 1234567.891))
show(lambda: "{:.2f}|{:10.3e}|{:g}|{:%}".format(3.14159, 12345.678, 0.0001, 0.25))
show(lambda: "{0}{name}".format(1, name=2))
show(lambda: "{0[1]}{0[k]}".format({1: "one", "k": "kay"}))
show(lambda: "{0.real}|{0.imag}".format(5))
show(lambda: "{a.real}".format(a=3))
show(lambda: "{:{w}.{p}f}".format(3.14159, w=10, p=3))
show(lambda: "{{}} {{{}}} }}{{".format(1))
show(lambda: "héllo {} wörld {}".format("ä", 1))
show(lambda: "{٠}".format("arabic-zero"))
show(lambda: "{}".format())
show(lambda: "{1}".format(0))
show(lambda: "{} {0}".format(1))
show(lambda: "{0} {}".format(1))
show(lambda: "{name}".format(x=1))
show(lambda: "{".format(1))
show(lambda: "}".format(1))
show(lambda: "{!x}".format(1))
show(lambda: "{!é}".format(1))
show(lambda: "{0!r:>5}".format("a"))
show(lambda: "{:d}".format("s"))
show(lambda: "{:s}".format(5))
show(lambda: "{:,s}".format("s"))
show(lambda: "{:+s}".format("s"))
show(lambda: "{:5é}".format(5))
show(lambda: "{:é>5}".format(5))
show(lambda: "{:é^7}".format("ab"))
show(lambda: "{:٣}".format("x"))
show(lambda: "{0.}".format(1))
show(lambda: "{0[}".format(1))
show(lambda: "{0]}".format(1))
show(lambda: "{:{}}".format(1))
show(lambda: "{:{:{}}}".format(1, 2, 3))
print(format(MyInt(4), ""), format(MyInt(4), "x"), format(True, ""), format(True, "d"))
print("--- int")
for s in ("12345", "-42", " 7 ", "+0", "-0", "\t\n99\x0b\x0c", "1_000_000", "00012",
          "9223372036854775807", "9223372036854775808", "-9223372036854775808",
          "-9223372036854775809", "123456789012345678901234567890", "١٢٣", "٣_٤",
          " \u2003 12 \u3000", "12\u00a0", "1__0", "_1", "1_", "", " ", "-", "+ 1", "1 2",
          "0x10", "0o7", "0b1", "12a", "é", "1\x00", "\x1c5"):
    show(lambda: int(s))
for s, base in (("ff", 16), ("FF", 16), ("0xff", 16), ("0x_f", 16), ("0XF", 0), ("10", 0),
                ("010", 0), ("00", 0), ("0_0", 0), ("0b101", 0), ("0o17", 8), ("zz", 36),
                ("0xz", 36), ("-777", 8), ("8", 8), ("1" * 70, 2), ("1" * 64, 2),
                ("z" * 13, 36), ("-1000000000000000000000", 10), ("12", 37), ("12", 1),
                ("x", 16), (" -ff ", 16), ("١٠", 2)):
    show(lambda: int(s, base))
show(lambda: int(b"42"))
show(lambda: int(b"42", 16))
show(lambda: int(bytearray(b"-7")))
show(lambda: int(MyStr("77")))
show(lambda: int(IntStr("5")))
show(lambda: int(IntStr("5"), 10))
show(lambda: type(int(MyStr("77"))).__name__)
show(lambda: int("1" * 4300) % 1000)
show(lambda: int("1" * 4301))
show(lambda: int("0" * 5000 + "1"))
show(lambda: int("12", base=16))
show(lambda: int(x="12"))
show(lambda: int("12", 16.0))
show(lambda: int(12, 16))


class SubInt(int):
    pass


show(lambda: (SubInt("123"), type(SubInt("123")).__name__))
show(lambda: bool("0"))
show(lambda: int(y=1))
show(lambda: int("1", y=1))
show(lambda: int("1", base=10, y=2))
show(lambda: int(base=10))


# Empty-spec fields of small ints and exact strs, beside the values whose
# __format__ or __str__ decides.
class FmtInt(int):
    def __format__(self, spec):
        return "I!" + spec


class FmtStr(str):
    def __format__(self, spec):
        return "S!" + spec

    def __str__(self):
        return "s-str"


print("{}|{}|{}|{}|{}|{}|{}".format(True, FmtInt(3), FmtStr("x"), -7, "é", 2 ** 70, -2 ** 62))
print("{0}{0}{1}".format(0, ""), "{!r}{!s}".format("a", 5), "{}".format(None))


# `str % x` dispatch: a str subclass on the right gets its __rmod__ first;
# other right operands (tuple subclasses included) go to str.__mod__.
class RmodStr(str):
    def __rmod__(self, other):
        return "rmod:" + other


class RmodTuple(tuple):
    def __rmod__(self, other):
        return "never"


print("%s" % RmodStr("x"), "%s|%s" % RmodTuple((1, 2)), "a%%" % (), "%d" % 3)
acc = "%s-%s"
acc %= (1, 2)
print(acc, "%(a)s" % {"a": 1}, "%c%c" % (65, "é"))
