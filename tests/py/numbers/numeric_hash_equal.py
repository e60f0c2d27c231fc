# Numbers that compare equal have equal hashes
pairs = [(1, 1.0), (0, 0.0), (0, -0.0), (1, True), (0, False), (2, 2 + 0j), (1.5, 1.5 + 0j),
         (2 ** 64, float(2 ** 64)), (-1, -1.0), (10 ** 20, 1e20 if 10 ** 20 == 1e20 else 10 ** 20), (-(2 ** 70), float(-(2 ** 70)))]
for a, b in pairs:
    print(repr(a), repr(b), a == b, hash(a) == hash(b))
print(hash(0), hash(1), hash(True), hash(0.0), hash(-0.0))
print(hash(5), hash(-5), hash(1.0), hash(123456))
print(hash(float('inf')) == hash(float('inf')), hash(float('-inf')) == -hash(float('inf')))
d = {}
d[1] = 'int'
d[1.0] = 'float'
d[True] = 'bool'
d[1 + 0j] = 'complex'
print(d, len(d))
s = {0, 0.0, False, -0.0, 0j}
print(s, len(s))
print({2 ** 64: 'x'}[18446744073709551616.0])
print(len({1.5, 3 / 2, 6 / 4}), len({0.1 + 0.2, 0.3}))
