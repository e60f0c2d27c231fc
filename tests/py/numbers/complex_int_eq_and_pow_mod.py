# complex == int compares the real part exactly with the int; pow() with a
# modulus and a float or complex argument fails the way the first float or
# complex operand's type says.

base = 3 ** 40
for delta in (0, 1, 2, 1024, 4096):
    z = complex(base + delta)
    print(delta, z == base + delta, base + delta == z, z != base + delta,
          complex.__eq__(z, base + delta))
print("power of two", complex(2 ** 70) == 2 ** 70, complex(2 ** 70) == 2 ** 70 + 1)
print(complex(7, 0.5) == 7, complex(7) == 7, complex(1) == True, complex(0) == False)
print(complex(2.5) == 2.5, complex.__eq__(1j, "1j"))

for args in [
    (2 + 1j, 3, 5),
    (2, 3 + 0j, 5),
    (2, 3, 5j),
    (1.5, 2, 3),
    (2, 3, 4.0),
    (0.5, 1j, 2),
    (2, 1j, 3.0),
    (True, 2, 3),
]:
    try:
        print(args, pow(*args))
    except Exception as e:
        print(args, type(e).__name__, e)
