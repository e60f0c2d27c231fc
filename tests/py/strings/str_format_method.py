# str.format: positional, keyword, indexing, attributes, conversions, nested specs
print("{} {} {}".format(1, "two", 3.0))
print("{0} {1} {0}".format("a", "b"), "{1}{0}".format("x", "y"), "{name}-{0}".format(5, name="n"))
print("{0[0]} {0[1]} {1[key]} {2.real} {2.imag}".format([10, 20], {"key": "v"}, 3 + 4j))
print("{0[1][0]} {d[a][b]}".format([[0], ["deep"]], d={"a": {"b": "nested"}}))
print("{!r} {!s} {!a}".format("é", "é", "é"), "{0!r:>10}".format("x"))
print("{{}} {{{0}}} {{0}}".format("lit"))
print("{:>8}|{:<8}|{:^8}|{:*^9}|".format("r", "l", "c", "s"))
print("{:{width}.{prec}f}|{:{}}|".format(3.14159, "n", 6, width=10, prec=3))
print("{0:{1}{2}{3}}".format(42, "+", "0", 8))
print("{:,} {:_} {:.2%} {:e} {:#x} {:08.3f} {:+d}".format(1234567, 1234567, 0.25, 0.5, 255, -3.14159, 5))
class P:
    x = 1
    y = [7, 8]
    def __format__(self, spec):
        return "P<" + spec + ">"
print("{0.x} {0.y[1]} {0} {0:abc} {0:}".format(P()))
print("{:s}".format("str"), "{:10s}|".format("pad"), "{:.2s}".format("truncate"), "{:>5.1}|".format("xyz"))
print("{} {}".format(*"ab"), "{a}{b}".format(**{"a": 1, "b": 2}))
print("{0}".format([1, 2]), "{}".format(None), "{:}".format(True), "{:d}".format(True), "{!r}".format(True))
print("{0[-1]}".format({"-1": "strkey"}), "{0[ x ]}".format({" x ": 1}))
print("{:^}".format("noop"), "{:c}".format(9731), "{:n}".format(1234.5))
print("{:%Y}".format(P()))
errors = [
    ("{}", ()), ("{1}", ("a",)), ("{}{0}", ("a", "b")), ("{0}{}", ("a", "b")), ("{a}", ()), ("{", ()), ("}", ()),
    ("{0!x}", ("a",)), ("{0[}", ("a",)), ("{0.}", ("a",)), ("{:d}", ("a",)), ("{0[5]}", ([1],)), ("{0.nope}", (1,)),
    ("{:,s}", ("a",)), ("{:=5}", ("a",)), ("{!}", ("a",)), ("{:{}}", ("a", "x")), ("{0:{1:{2}}}", (1, 2, 3)),
]
for fmt, args in errors:
    try:
        print(fmt.format(*args))
    except (IndexError, KeyError, ValueError, AttributeError, TypeError) as e:
        print(repr(fmt), type(e).__name__, e)
print("{x}-{y}".format_map({"x": 1, "y": 2}))
class Default(dict):
    def __missing__(self, key):
        return "<" + key + ">"
print("{a} {b} {c}".format_map(Default(a="A")))
