# Division and modulo by zero errors for ints
cases = [
    ("1 / 0", lambda: 1 / 0),
    ("1 // 0", lambda: 1 // 0),
    ("1 % 0", lambda: 1 % 0),
    ("divmod(1, 0)", lambda: divmod(1, 0)),
    ("0 ** -1", lambda: 0 ** -1),
    ("1.0 / 0", lambda: 1.0 / 0),
    ("1 / 0.0", lambda: 1 / 0.0),
    ("1.0 // 0.0", lambda: 1.0 // 0.0),
    ("1.0 % 0.0", lambda: 1.0 % 0.0),
    ("divmod(1.0, 0.0)", lambda: divmod(1.0, 0.0)),
    ("0.0 ** -1", lambda: 0.0 ** -1),
    ("pow(0, -2)", lambda: pow(0, -2)),
    ("10**100 // 0", lambda: 10**100 // 0),
    ("True / False", lambda: True / False),
    ("5 % False", lambda: 5 % False),
    ("1j / 0", lambda: 1j / 0),
]
for label, f in cases:
    try:
        r = f()
        print(label, "->", r)
    except ZeroDivisionError as e:
        print(label, "->", type(e).__name__ + ":", e)
print("done")
