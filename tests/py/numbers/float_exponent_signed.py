# Float literals with a signed, zero-padded exponent, and attribute access
# right after an exponent.
print(1e-05, 0.5e-05, .25e-03, 1E+05, 2.5e-010, 7e+00)
print(1.5e-100.__format__('e'), 1e-05.hex())
print(3e-02j, 0x1e+5, 0e-0)
values = [0.9934937113930748e-05, -1.5e+02]
print(values)
