# expressions mixing literals of different kinds
print(1 + 2.0, 1 + 2j, 1.5 + 2j, True + 1, True + 1.5, False + 1j)
print(3 * "ab", "ab" * 3, 2 * [0], (0,) * 2, b"x" * 3, 0 * "x", -1 * [1])
print(0x10 + 0o10 + 0b10, 1e3 + 1, 1_000 * 2, 0.1 + 0.2 == 0.3, round(0.1 + 0.2, 10) == 0.3)
print(10 / 4, 10 // 4, -10 // 4, 10 % -4, 10.0 // 4, 2 ** 0.5, 4 ** 0.5, 8 ** (1 / 3))
print(7 .__add__(1), (7).__sub__(1), 7 .bit_length(), 7.0.hex(), 7j.imag)
print(1 == 1.0, 1.0 == 1 + 0j, "1" == 1, [1] == [1.0])
print(int("1") + float("2.5"), str(1) + str(2), repr(1.0) + repr(1))
print(type(1 + 1).__name__, type(1 + 1.0).__name__, type(1 + 1j).__name__, type(True + True).__name__, type(1 / 1).__name__)
