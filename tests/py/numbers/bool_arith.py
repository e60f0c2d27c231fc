# bool is a subclass of int
print(True + True, True - False, True * 10, True / 2, True // 2, False % 3, True ** 5)
print(-True, +True, ~True, abs(-True), -False)
print(type(True + True), type(-True), type(True / 1), type(True & True), type(True | 0))
print(True == 1, False == 0, True is not False, True == 1.0, False == 0j)
print(isinstance(True, int), issubclass(bool, int), bool.__mro__)
print(sum([True, True, False, True]), max(True, 2), min(False, -1))
print(str(True), repr(False), int(True), float(False), complex(True))
print(bool(0), bool(1), bool(-1), bool(0.0), bool(-0.0), bool(0j), bool(''), bool(' '), bool([]), bool([0]), bool(None))
print(bool(float('nan')), bool(()), bool({}), bool(set()), bool(range(0)), bool(range(1)))
print(True and 5, False and 5, True or 5, False or 5, not 5, not 0)
print(True & False, True | False, True ^ False, False ^ False)
print(divmod(True, True), pow(True, 10), round(True), abs(False))
print(True.real, True.imag, True.numerator, True.denominator, True.bit_length())
print(['a', 'b'][True], ['a', 'b'][False], 'xyz'[True:])
print({True: 'a', 1: 'b', 1.0: 'c'})
print({0, False, 0.0}, len({True, 1, 1.0}))
print(bool('False'), bool('0'))
print(True.__and__(1), True.__or__(False), (3).__and__(True))
print(bool.__new__(bool, 7), bool(x for x in []))
print(True < 2, False > -1, sorted([True, False, 2, -1, 0.5]))
print(f"{True}", f"{True:d}", f"{False:5}", f"{True!r}", format(True, "^7"), "%d %s %r" % (True, True, False))
try:
    class B(bool):
        pass
except TypeError as e:
    print(type(e).__name__, e)
