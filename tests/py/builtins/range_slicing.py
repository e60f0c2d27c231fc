# Slicing ranges: every combination of small bounds, steps and slice fields
# agrees with slicing the equivalent list; huge bounds, index objects and
# errors as CPython.
import itertools
import sys

fields = [None, -12, -5, -1, 0, 1, 2, 3, 7, 11, 50]
steps = [None, -7, -3, -2, -1, 1, 2, 3, 9]
ranges = [range(0), range(5), range(-4, 9), range(10, 0, -3), range(3, 40, 7),
          range(-20, -50, -4), range(1, 2), range(7, 7)]

mismatches = 0
checked = 0
for r in ranges:
    as_list = list(r)
    for a, b, c in itertools.product(fields, fields, steps):
        got = r[a:b:c]
        checked += 1
        if list(got) != as_list[a:b:c] or len(got) != len(as_list[a:b:c]):
            mismatches += 1
            print("mismatch", r, a, b, c, got)
print("checked", checked, "mismatches", mismatches)

# The result is a range with normalized bounds.
print(range(10)[2:8:2], range(10)[::-1], range(10)[-3:], range(10)[100:], range(10)[:-100])
print(range(0, 100, 7)[3:-2:3], range(5, -5, -1)[::2], range(1, 10)[::-3])

# Bounds beyond 64 bits.
big = 2 ** 70
print(range(big)[3:10], range(-big, big, 3)[1:-1:big], range(big)[::-1][:2])
print(range(5)[-big:big], range(5)[big:-big:-1], range(0, big, big // 4)[1::2])
print(range(sys.maxsize - 5, sys.maxsize + 5)[2:8:3], range(-sys.maxsize, sys.maxsize, sys.maxsize)[::-1])


# __index__ objects and bools as slice fields.
class Idx:
    def __init__(self, v):
        self.v = v

    def __index__(self):
        return self.v


print(range(20)[Idx(2):Idx(15):Idx(4)], range(20)[True:False:True], range(20)[Idx(-3):])


class IntSub(int):
    pass


print(range(10)[IntSub(1):IntSub(9):IntSub(2)])

# Errors.
for bad in (slice(0, 5, 0), slice("a", 3), slice(1, 2.5), slice(None, None, Idx(0))):
    try:
        print(range(10)[bad])
    except (TypeError, ValueError) as e:
        print(type(e).__name__, e)

# Equality and hashing of slices of ranges with the same elements.
print(range(10)[::2] == range(0, 9, 2), hash(range(10)[::2]) == hash(range(0, 10, 2)))
print(range(10)[5:5] == range(0), range(3)[::-1] == range(2, -1, -1))
