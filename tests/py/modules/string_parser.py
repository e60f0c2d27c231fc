# _string: the parser behind string.Formatter (pieces, field names, errors).
import _string

def show(fmt):
    try:
        print(repr(fmt), list(_string.formatter_parser(fmt)))
    except ValueError as e:
        print(repr(fmt), "ValueError:", e)

for fmt in ["", "plain", "a{0!r:>{w}}b", "{{c}}", "{x.y[0]}{}", "{:{}}{!s}",
            "}", "{", "{0!}", "{a[}", "{0!rr}", "x{0:{1:{2}}}", "é{ü}ß"]:
    show(fmt)

def split(name):
    try:
        first, rest = _string.formatter_field_name_split(name)
        print(repr(name), repr(first), type(first).__name__, list(rest))
    except ValueError as e:
        print(repr(name), "ValueError:", e)

for name in ["0", "name", "0.a[k][3]", "", "12x", "a..b", "a[", "a[]", "a]b", "007"]:
    split(name)

for bad in [1, None, b"{}"]:
    try:
        _string.formatter_parser(bad)
    except TypeError as e:
        print("TypeError:", e)
