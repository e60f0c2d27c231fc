# repr/str of floats whose shortest digits end on a tie: rounded half to even, as CPython.
for e in range(-30, -20):
    x = 2.0 ** e
    print(e, repr(x), str(x), [x], f"{x!r}")
for x in [0.1 + 0.2, 1 / 3, 2 ** 0.5, 5e-324, 1.7976931348623157e308, 123456789012345678.0, 1e22, 1e23]:
    print(repr(x), repr(-x))
