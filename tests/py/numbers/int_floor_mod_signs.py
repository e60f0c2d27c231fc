# Floor division and modulo follow the sign of the divisor
pairs = [(7, 3), (-7, 3), (7, -3), (-7, -3), (0, 3), (0, -3), (6, 3), (-6, 3),
         (1, 10), (-1, 10), (1, -10), (-1, -10), (10**20 + 1, 7), (-(10**20) - 1, 7)]
for a, b in pairs:
    q, r = a // b, a % b
    assert q * b + r == a
    print(f"{a} // {b} = {q}; {a} % {b} = {r}; divmod = {divmod(a, b)}")
fpairs = [(7.5, 2), (-7.5, 2), (7.5, -2), (-7.5, -2), (0.0, 3), (-0.0, 3), (1e-300, 1e300), (-1.0, 3.0)]
for a, b in fpairs:
    print(a, b, a // b, a % b, divmod(a, b))
print(5 % -0.5, -5 % 0.5, 0.5 % 5, -0.5 % 5)
print(-1e-20 % 1.0)
print(3.0 % float('inf'), -3.0 % float('inf'))
print(float('inf') // 1, float('-inf') % 2)
