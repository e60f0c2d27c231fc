# formatting complex numbers
zs = [1 + 2j, -1.5 - 0.25j, 3j, -3j, 2 + 0j, complex(0, -0.0), complex(-0.0, 0), 1e20 + 1e-20j, complex(float('inf'), float('nan'))]
for z in zs:
    print(repr(z), str(z), format(z, ''), format(z, '.2f'), format(z, 'e'), format(z, 'g'), format(z, '+.1f'))
print(format(1 + 2j, '>20'), '|', format(1 + 2j, '<20.3f'), '|', format(1 + 2j, '^20'), '|')
print(f"{3 - 4j}", f"{3 - 4j:.3}", f"{3 - 4j!r}", "%s" % (3 - 4j), "{0.real}+{0.imag}".format(3 - 4j))
for spec in ['d', '=10', '010', '%']:
    try:
        print(format(1 + 1j, spec))
    except ValueError as e:
        print(spec, type(e).__name__, e)
print(repr(complex(1, 1e-5)), repr(complex(1e-5, 1)), repr(complex(123456789012345678, 1)))
print(complex(0.1, 0.2) + complex(0.2, 0.1))
