# numeric literal forms
print(0, 00, 0_0, 123, 1_2_3, 0x1F, 0X1f, 0o17, 0O17, 0b101, 0B101, 0x_1_f)
print(1.0, 1., .5, 1e3, 1E3, 1e-3, 1.5e+2, 1_0.0_1, 1_0e1_0, 0e0, 00.5, 007.5, 09.0)
print(1j, 1J, 1.5j, .5j, 1e3j, 0j, 1_0j, 00j, 09j)
print(0xFFFFFFFFFFFFFFFFFFFF, 0o7777777777777777777777777, 0b1111111111111111111111111111111111111111111111111111111111111111111)
print(type(1), type(1.0), type(1j), type(1e0), type(0x10), type(1_0))
print(-1, - 1, --1, -+-1, +-+1, ~-~1)
print(1e309, -1e309, 1e-400, 2e-324, 3e-324)
print(0.1e1, 10e-1, 123e-2, 1234567890123456789e0)
print(1 if 1 else 0, 0x1 if 1 else 2)
print(0x10 + 0o10 + 0b10 + 10)
x = 1_000
print(x, x.__class__.__name__, 1_000.000_1)
