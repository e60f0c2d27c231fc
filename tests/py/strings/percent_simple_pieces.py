# `%` formatting with only %s/%d/%i/%% conversions: the results, the
# arguments that take the general formatter (subclasses, floats, bools, big
# ints, mappings), and the errors of a wrong argument count or type.


class S(str):
    def __str__(self):
        return "S-str"


class I(int):
    def __str__(self):
        return "I-str"

    def __repr__(self):
        return "I-repr"


class T(tuple):
    pass


cases = [
    ("<%s>", "x"),
    ("%s=%s", ("k", "v")),
    (' %s="%s"', ("name", "value")),
    ("%d items, %i left", (3, -17)),
    ("%s and %s", (0, -9223372036854775807)),
    ("%d", 2 ** 62),
    ("%d", 2 ** 70),
    ("%s", -(2 ** 63)),
    ("100%% %s", "done"),
    ("%%%s%%", "x"),
    ("%s", ""),
    ("", ()),
    ("plain", ()),
    ("%s", "héllo wörld"),
    ("é %s", "x"),
    ("%s|%s", ("αβγ", "😀")),
    ("%s", S("sub")),
    ("%d", I(5)),
    ("%s", I(5)),
    ("%s", True),
    ("%d", False),
    ("%s", 1.5),
    ("%d", 2.75),
    ("%s", None),
    ("%s", (1, 2)),
    ("%s", ((1, 2),)),
    ("%s", [1, 2]),
    ("%s", {"a": 1}),
    ("%s %s", T(("a", "b"))),
    ("%s %s %s %s %s %s %s %s %s", tuple("abcdefghi")),
    ("%s" * 8, tuple(range(8))),
    ("%5s|%-4d|%03i", ("ab", 7, 9)),
    ("%r %a", ("x", "é")),
    ("%% " * 20 + "%s", "x"),
    ("%%" * 3 + "%s%%" * 7, tuple("abcdefg")),
    ("%s%%" * 8, tuple(range(8))),
]
for fmt, args in cases:
    try:
        r = fmt % args
        print(repr(fmt), "->", repr(r), len(r), type(r).__name__)
    except Exception as e:
        print(repr(fmt), "->", type(e).__name__, e)

errors = [
    ("%s %s", "one"),
    ("%s", ("a", "b")),
    ("%s", ()),
    ("%d", "x"),
    ("%i", ("x",)),
    ("no conversions", "x"),
    ("%", "x"),
    ("%s %", "x"),
    ("%q", 1),
]
for fmt, args in errors:
    try:
        print(repr(fmt % args))
    except Exception as e:
        print(repr(fmt), "->", type(e).__name__, e)

# The result is a new str each time, equal to the general formatter's.
a = "%s-%s" % ("p", "q")
b = "%s-%s" % ("p", "q")
print(a == b, a == "p-q", hash(a) == hash("p-q"))
print(("%s" % "abc")[1], ("%d:%s" % (12, "é"))[3:], ("x%sy" % "é").upper())
