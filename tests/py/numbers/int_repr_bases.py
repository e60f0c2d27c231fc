# bin/oct/hex and int formatting in different bases
for n in (0, 1, -1, 7, -7, 8, 255, -255, 256, 4096, 2 ** 32, -(2 ** 40), 10 ** 20):
    print(n, bin(n), oct(n), hex(n))
for n in (0, 10, -10, 255):
    print(format(n, 'b'), format(n, 'o'), format(n, 'x'), format(n, 'X'), format(n, '#b'), format(n, '#o'), format(n, '#x'), format(n, '#X'))
print(format(255, '08b'), format(255, '#010b'), format(-5, '#06x'), format(5, '+#x'), format(2 ** 40, '_x'), format(2 ** 20, '_b'))
print(format(1234567, ','), format(1234567, '_'), format(-1234567, ',d'), format(1234567, '>12,'))
print(format(42, 'c'), format(0x263a, 'c'), format(42, 'n'), format(42, ''), format(42, 'd'))
print(format(42, '=+8'), format(-42, '=8'), format(42, '*^9'), format(42, '<5') + '|')
print(format(42, 'e'), format(42, '.2f'), format(42, '%'), format(42, 'g'), format(10 ** 20, 'e'))
for spec in ['s', 'z', ',b', '.2d', '#c']:
    try:
        print(format(42, spec))
    except ValueError as e:
        print(spec, type(e).__name__, e)
class Idx:
    def __index__(self):
        return 200
print(bin(Idx()), oct(Idx()), hex(Idx()))
for v in (1.5, "12", None):
    try:
        hex(v)
    except TypeError as e:
        print(type(e).__name__, e)
print(0b1010, 0o777, 0xDEAD_BEEF, 1_000_000, 0B11, 0O17, 0XfF)
