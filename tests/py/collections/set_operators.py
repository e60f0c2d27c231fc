# set operators and comparisons
a = {1, 2, 3, 4}
b = {3, 4, 5}
print(a | b, a & b, a - b, b - a, a ^ b)
print(a < a, a <= a, {1} < a, a > {1, 2}, a >= b, {1, 2} < {1, 3}, {1, 2} > {1, 3})
print(a == {4, 3, 2, 1}, a != b, set() < a, set() == frozenset())
c = set(a)
c |= {9}; print(sorted(c))
c &= {1, 2, 9, 10}; print(sorted(c))
c -= {1}; print(sorted(c))
c ^= {2, 3}; print(sorted(c))
for label, f in [("| list", lambda: a | [1]), ("& tuple", lambda: a & (1,)), ("+", lambda: a + b), ("< list", lambda: a < [1])]:
    try:
        print(f())
    except TypeError as e:
        print(label, type(e).__name__, e)
print(2 in a, 9 not in a, [1, 2] and "skip")
try:
    [1] in a
except TypeError as e:
    print(type(e).__name__, e)
print(sorted({-5, 3, 0, 100, -1}), max({3, 9, 1}), min({3, 9, 1}), sum({1, 2, 3}), len(a))
d = {x % 4 for x in range(20)}
print(d)
print({frozenset({1}), frozenset({1})} == {frozenset({1})})
