# divmod with various numeric types
for a in (17, -17, 0, 5):
    for b in (5, -5, 3, 1):
        print(f"divmod({a}, {b}) = {divmod(a, b)}")
print(divmod(7.5, 2), divmod(-7.5, 2), divmod(7, 2.5), divmod(1e300, 1e-300)[1])
print(divmod(True, 2), divmod(10 ** 25, 10 ** 12 + 1))
print(divmod(-(10 ** 25), 3), divmod(10 ** 25, -3))
print(type(divmod(5, 2)), type(divmod(5.0, 2)[0]))
for args in [(1, 0), (1.0, 0), (1, 0.0), (1j, 1), ("a", 1), (1, None)]:
    try:
        print(divmod(*args))
    except (ZeroDivisionError, TypeError) as e:
        print(args, type(e).__name__, e)
class D:
    def __divmod__(self, other):
        return "D.divmod", other
    def __rdivmod__(self, other):
        return "D.rdivmod", other
print(divmod(D(), 3), divmod(3, D()))
q, r = divmod(100, 7)
print(q, r, q * 7 + r)
