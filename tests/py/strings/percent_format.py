# printf-style % formatting
print("%s|%r|%a" % ("é", "é", "é"))
print("%d %i %u" % (42, -42, 7), "%d" % 3.99, "%d" % True, "%i" % -0.5)
print("%5d|%-5d|%05d|%+d|% d|%+05d" % (42, 42, 42, 42, 42, -42))
print("%x %X %#x %#X %o %#o %08x" % (255, 255, 255, 255, 8, 8, 48879))
print("%f %.2f %10.3f %-10.1f| %e %.3E %g %G" % (3.14159, 3.14159, 3.14159, 3.14159, 12345.678, 0.000123, 1e-5, 1e20))
print("%c%c%c" % ("a", 98, 0x263A), "%%", "%5.1s|" % "abc", "%.2s" % "abcdef", "%-6s|" % "ab", "%6s|" % "ab")
print("%(name)s is %(age)d years, %(name)r" % {"name": "Ann", "age": 30})
print("%*d|%-*d|%.*f" % (6, 42, 6, 42, 2, 3.14159))
print("%s" % (1,), "%s" % [1, 2], "%s" % ((1, 2),), "%s %s" % (None, True), "%r" % "x")
print("no format" % (), "%s" % "single", "%s" % {"k": "v"})
print("%.0f %.0f %.0f %.0f" % (0.5, 1.5, 2.5, -0.5), "%#.0f" % 1.0, "%#g" % 1.0, "%.3g" % 1234.5)
print("%5s%%" % 50, "%x" % -255, "%o" % -8, "%#x" % 0, "%.3d" % 7, "%+.3d" % 7, "%-+6.2f|" % 1.5)
print("%s %s" % ("a", "b"), "%d%%" % 10, "%(a)s%(a)s" % {"a": "x"}, "%()s" % {"": "empty-key"})
print("%i" % 2 ** 70, "%x" % 2 ** 70, "%.1f" % 1e22, "%s" % 1e22, "%r" % 0.1)
print("%-5c|%5c|" % ("x", "y"), "%c" % 65)
errors = [
    ("%d", "x"), ("%d %d", (1,)), ("%s", (1, 2)), ("%z", 1), ("%(k)s", {"j": 1}), ("%c", "ab"), ("%c", -1),
    ("%(k)s %s", {"k": 1}), ("%x", 1.5), ("%", 1), ("%s %(a)s", ("x",)), ("%d", None), ("%*d", ("a", 1)),
]
for fmt, args in errors:
    try:
        print(fmt % args)
    except (TypeError, ValueError, KeyError, OverflowError) as e:
        print(repr(fmt), type(e).__name__, e)
class W:
    def __str__(self):
        return "W!"
    def __repr__(self):
        return "<W>"
    def __int__(self):
        return 5
    def __index__(self):
        return 6
    def __float__(self):
        return 7.5
print("%s %r %d %x %f" % (W(), W(), W(), W(), W()))
