# float methods: hex, fromhex, is_integer, as_integer_ratio, conjugate
vals = [0.0, -0.0, 1.0, 0.5, -2.5, 0.1, 3.0, 1e20, 1e-20, 123.456, 2 ** 0.5, 5e-324, 1.7976931348623157e308]
for v in vals:
    print(repr(v), v.hex(), v.is_integer(), v.as_integer_ratio())
print(float.fromhex(vals[5].hex()) == vals[5])
for s in ["0x1p0", "0x1.0p-1", "-0x1.8p+3", "0X1.FFFFFFFFFFFFFP+1023", "0x0.0000000000001p-1022", "0x.8", "0xA", " 0x1p4 ", "1p3", "inf", "-Infinity", "nan"]:
    print(repr(s), float.fromhex(s))
for s in ["", "0x", "0x1p", "0xg", "0x1p99999"]:
    try:
        print(float.fromhex(s))
    except (ValueError, OverflowError) as e:
        print(type(e).__name__, e)
print(float('inf').hex(), float('-inf').hex(), float('nan').hex())
print(float('inf').is_integer(), float('nan').is_integer())
for v in (float('inf'), float('nan')):
    try:
        v.as_integer_ratio()
    except (OverflowError, ValueError) as e:
        print(type(e).__name__, e)
print((2.5).conjugate(), (2.5).real, (2.5).imag)
print((7.9).__trunc__(), (-7.9).__trunc__(), (7.5).__floor__(), (-7.5).__ceil__())
print((2.5).__round__(), (3.5).__round__(), (2.675).__round__(2), (1234.5).__round__(-2))
print(float.__add__(1.5, 2), (1.5).__radd__(2), (1.5).__add__("x"))
