# complex numbers: construction, repr, arithmetic
z = 3 + 4j
w = complex(1, -2)
print(z, w, repr(z), str(w))
print(z.real, z.imag, z.conjugate(), abs(z))
print(z + w, z - w, z * w, z / w)
print(z ** 2, z ** 0, z ** -1, (1j) ** 2, 1j * 1j)
print(-z, +z, z == complex(3, 4), z != w, z == 3 + 4j)
print(complex(), complex(5), complex(2.5), complex(0, 1), complex(-0.0, -0.0), complex(1, 0))
print(1j, -1j, 0j, -0j, 1 + 0j, 0 + 1j, 2j * 0, 1e20j, 1.5e-10j)
print(complex("1+2j"), complex("  -3.5j "), complex("7"), complex("(1-1j)"), complex("j"), complex("-j"), complex("inf+nanj"))
for s in ["1+", "1 + 2j", "abc", "", "1+2i", "((1+2j))"]:
    try:
        complex(s)
    except ValueError as e:
        print(type(e).__name__, e)
print(complex(1 + 2j, 3j), complex(1j, 1j))
try:
    complex("1", 2)
except TypeError as e:
    print(type(e).__name__, e)
print(z == 5, 5 == abs(z), (2 + 0j) == 2, (2 + 0j) == 2.0, 1j == 1)
try:
    z < w
except TypeError as e:
    print(type(e).__name__, e)
try:
    z // 2
except TypeError as e:
    print(type(e).__name__, e)
try:
    z % 2
except TypeError as e:
    print(type(e).__name__, e)
try:
    int(z)
except TypeError as e:
    print(type(e).__name__, e)
print(z * 2, 2 * z, z + 1.5, 1.5 - z, z / 2, 10 / z)
print(type(z * 0), (1 + 2j).real.is_integer())
print(complex(float('inf'), 1), complex(float('nan'), float('-inf')))
print(repr(complex(1e300, 1e-300)), complex(123456789.0, 0.1))
print(pow(2 + 0j, 3), pow(1j, 4), (3 + 4j) ** 0.5)
print(hash(1 + 0j) == hash(1), hash(complex(2.5, 0)) == hash(2.5))
