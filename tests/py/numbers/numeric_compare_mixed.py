# comparisons between int, float, complex, bool, and big ints
print(1 == 1.0, 1 == 1 + 0j, 1.0 == 1 + 0j, True == 1.0)
print(2 ** 53 == 2.0 ** 53, 2 ** 53 + 1 == 2.0 ** 53, 2 ** 53 + 1 > 2.0 ** 53, 2 ** 53 + 1 < 2.0 ** 53 + 2)
print(10 ** 400 > 1e308, 10 ** 400 < float('inf'), -10 ** 400 > float('-inf'), 10 ** 400 == float('inf'))
print(1 < 1.5 < 2, 0.1 + 0.2 == 0.3, 0.1 + 0.2 > 0.3, 0.5 == 1 / 2)
print(-0.0 == 0, 0.0 == False, 1e-320 > 0, 5e-324 > 0)
print(3 < 4.0, 4.0 <= 4, 4 >= 4.0000000001, 1 != 1.0000000000000002, 1 == 1.00000000000000001)
print(max(1, 1.0), max(1.0, 1), min(0, -0.0), min(-0.0, 0))
print(sorted([3, 1.5, True, -2, 2.5, 0, False, 10 ** 20, 1e19]))
print(float('nan') == 1, float('nan') != 1)
for a, b in [(1, "1"), (1.0, "a"), (1j, 1j), (None, 0)]:
    print(repr(a), repr(b), a == b, a != b)
for a, b in [(1, "1"), (1j, 2j), (None, 0), (1.5, [1])]:
    try:
        print(a < b)
    except TypeError as e:
        print(type(e).__name__, e)
print(1 in [1.0], 1.0 in {1}, 1j in (1,), 2 ** 64 in {2.0 ** 64})
print([1, 2] == [1.0, 2.0], (1, 2) < (1, 2.5), {1: 'a'} == {1.0: 'a'})
