# int() parsing from strings with bases and error messages
good = [("42",), ("-42",), ("  17  ",), ("+5",), ("0",), ("000",), ("1_000_000",),
        ("ff", 16), ("FF", 16), ("0xff", 16), ("0xff", 0), ("0o17", 0), ("0b101", 0),
        ("z", 36), ("Z", 36), ("101", 2), ("-0b11", 0), ("10", 8), ("0_7", 8),
        ("\t\n 12 \r", ), ("١٢٣",), ("0", 0), ("00", 0), ("1_2_3", 0), ("0x_ff", 0)]
for args in good:
    print(repr(args[0]), args[1:], int(*args))
bad = [("",), ("  ",), ("4.5",), ("1e3",), ("abc",), ("12a",), ("1__0",), ("_1",), ("1_",),
       ("0x10",), ("08", 0), ("012", 0), ("2", 2), ("g", 16), ("0b2", 0), ("- 5",), ("++5",),
       ("5", 1), ("5", 37), ("5", -1), ("0x", 16)]
for args in bad:
    try:
        print(int(*args))
    except ValueError as e:
        print(type(e).__name__, e)
print(int(3.99), int(-3.99), int(True), int(), int(1e10), int(-0.0))
print(int(b"12"), int(bytearray(b" 34 ")), int(b"ff", 16))
for v in (None, [1], 3j):
    try:
        int(v)
    except TypeError as e:
        print(type(e).__name__, e)
try:
    int(5, 10)
except TypeError as e:
    print(type(e).__name__, e)
class WithInt:
    def __int__(self):
        return 99
class WithIndex:
    def __index__(self):
        return 77
print(int(WithInt()), int(WithIndex()))
print(int("11", base=3), int(x="11", base=2) if False else int("11", 2))
class BadInt:
    def __int__(self):
        return "nope"
try:
    int(BadInt())
except TypeError as e:
    print(type(e).__name__, e)
