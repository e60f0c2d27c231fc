# Bitwise operators on ints including negatives
for a in (0, 1, 5, -5, 12, -12, 255, -256):
    for b in (3, -3, 0xF0):
        print(a, b, a & b, a | b, a ^ b)
for n in (1, 3, -1, -8, 1000):
    print(n, [n << k for k in (0, 1, 5, 40)], [n >> k for k in (0, 1, 3, 70)])
print(~0, ~1, ~-1, ~255, ~~7)
try:
    1 << -1
except ValueError as e:
    print(type(e).__name__, e)
try:
    1 >> -3
except ValueError as e:
    print(type(e).__name__, e)
try:
    1.0 << 2
except TypeError as e:
    print(type(e).__name__, e)
try:
    5 & 1.5
except TypeError as e:
    print(type(e).__name__, e)
print(True & False, True | False, True ^ True, type(True & True), type(True & 1))
print(True << 3, ~True, ~False)
print(0 >> 1000, -1 >> 1000, 1 >> 1000)
x = 0b1010
x |= 0b0101; print(bin(x))
x &= 0b0110; print(bin(x))
x ^= 0b1111; print(bin(x))
x <<= 4; print(bin(x))
x >>= 2; print(bin(x))
