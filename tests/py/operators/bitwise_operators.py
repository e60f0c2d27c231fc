# bitwise operators on ints, bools and sets
a, b = 0b1100, 0b1010
print(bin(a & b), bin(a | b), bin(a ^ b), bin(~a), bin(a << 2), bin(a >> 2))
print(True & True, True | False, True ^ True, False ^ True, type(True ^ False).__name__, type(True ^ 2).__name__)
print(-1 & 0xFF, -256 | 0xF, -1 ^ 0xFF, ~0xFF & 0xFFFF, (-5) >> 1, (-5) << 1)
s1, s2 = {1, 2, 3}, {2, 3, 4}
print(s1 & s2, s1 | s2, s1 ^ s2, s1 - s2)
fs = frozenset({1, 2})
print(fs & s1, s1 & fs, type(fs & s1).__name__, type(s1 & fs).__name__)
d1, d2 = {"a": 1}, {"b": 2}
print(d1 | d2, d1.keys() & {"a"}, d1.keys() | d2.keys() == {"a", "b"})
flags = 0
READ, WRITE, EXEC = 1, 2, 4
flags |= READ | EXEC
print(flags, bool(flags & WRITE), bool(flags & EXEC))
flags &= ~READ
print(flags)
flags ^= WRITE
print(flags, f"{flags:03b}")
def popcount(n):
    c = 0
    while n:
        n &= n - 1
        c += 1
    return c
print([popcount(n) for n in [0, 1, 7, 8, 255, 2 ** 40 - 1]])
print(1 << 100, (1 << 100) >> 99, 12345678901234567890 & 0xFFFF, 2 ** 64 | 1, (2 ** 64) ^ (2 ** 64 - 1))
for f in [lambda: 1.5 & 1, lambda: "a" | "b", lambda: [1] ^ [2], lambda: 1 << 1.0, lambda: {1} & [1]]:
    try:
        f()
    except TypeError as e:
        print(type(e).__name__, e)
