# range: construction, indexing, slicing, reversed, contains, equality
for r in [range(5), range(2, 8), range(10, 0, -3), range(0), range(5, 5), range(-3, 3, 2), range(0, -10, -4), range(1, 2, 100)]:
    print(r, list(r), len(r), bool(r))
r = range(3, 20, 4)
print(r.start, r.stop, r.step, r[0], r[-1], r[2], r[1:3], r[::-1], r[::2], r[-2:], r[10:], list(r[::-1]))
print(r.index(11), r.count(11), r.count(12), 11 in r, 12 in r, 3.0 in r, 7.5 in r, "x" in r)
print(list(reversed(r)), list(reversed(range(0))), list(reversed(range(5, 0, -2))))
print(range(0) == range(5, 5), range(0, 3) == range(0, 3, 1), range(0, 10, 3) == range(0, 11, 3), range(1) == range(0), range(2) != range(3))
print(range(10)[::-3], range(10)[2:-2], range(10)[-100:100], range(10, 0, -1)[::2])
print(range(10 ** 20)[-1], len(range(10 ** 18)), 10 ** 19 in range(10 ** 20), range(0, 10 ** 20, 3)[10 ** 18])
for args in [(1, 2, 0), (1.5,), ("a",), (), (1, 2, 3, 4)]:
    try:
        range(*args)
    except (ValueError, TypeError) as e:
        print(args, type(e).__name__, e)
for bad in [5, -6]:
    try:
        range(5)[bad]
    except IndexError as e:
        print(type(e).__name__, e)
try:
    range(5).index(9)
except ValueError as e:
    print(type(e).__name__, e)
try:
    range(5)[1] = 3
except TypeError as e:
    print(type(e).__name__, e)
class I:
    def __index__(self):
        return 4
print(range(I()), list(range(1, I())), range(10)[I()])
it = iter(range(3))
print(next(it), next(it), next(it), next(it, "done"))
print(sum(range(101)), max(range(7)), min(range(3, 9)), sorted(range(3), reverse=True))
