# Sequence patterns, including star patterns.
def seq(v):
    match v:
        case []:
            return "empty"
        case [x]:
            return f"one: {x}"
        case [x, y]:
            return f"two: {x}, {y}"
        case [first, *rest] if len(rest) > 3:
            return f"long: first={first} rest={rest}"
        case [first, *middle, last]:
            return f"first={first} middle={middle} last={last}"

for v in [[], [1], (1, 2), [1, 2, 3], range(4), [1, 2, 3, 4, 5, 6], (i for i in [])]:
    print(seq(v) if not hasattr(v, "__next__") else "generator: " + str(seq(v)))

def not_sequences(v):
    match v:
        case [*items]:
            return "sequence " + repr(items)
        case _:
            return "not a sequence: " + type(v).__name__
for v in ["abc", b"ab", bytearray(b"x"), {1: 2}, {1, 2}, 5, [1, 2], (3,), range(2)]:
    print(not_sequences(v))

def star_positions(v):
    match v:
        case [*_, "end"]:
            return "ends with end"
        case ["start", *_]:
            return "starts with start"
        case [_, *mid, _] if mid:
            return "middle " + repr(mid)
        case _:
            return "none"
print(star_positions(["a", "end"]), star_positions(("start", 1)), star_positions([1, 2, 3]), star_positions([1, 2]))

def star_types(v):
    match v:
        case (a, *b):
            return type(b).__name__, b
print(star_types((1, 2, 3)), star_types(range(3)), star_types([0]))

def nested(v):
    match v:
        case [[a, b], [c, d]]:
            return a * d - b * c
        case [[*row] , *others]:
            return f"row {row} and {len(others)} others"
print(nested([[1, 2], [3, 4]]), nested([[1, 2, 3]]), nested([[1], [2], [3]]))

def length_check(v):
    match v:
        case [_, _, _]:
            return "three items"
        case [_, _, _, *_]:
            return "more than three"
        case _:
            return "fewer"
print(length_check([1, 2, 3]), length_check("abc"), length_check([1, 2, 3, 4]), length_check([1]))

def mixed(v):
    match v:
        case [1, x, *_] | [x, 1]:
            return "x=" + str(x)
        case _:
            return "no"
print(mixed([1, 5, 9]), mixed([7, 1]), mixed([2, 2]))

def tuple_syntax(v):
    match v:
        case a, b:
            return "bare tuple pattern", a, b
        case (a,):
            return "single", a
        case ():
            return "empty tuple pattern"
print(tuple_syntax([1, 2]), tuple_syntax((9,)), tuple_syntax([]))

from collections import deque
print(seq(deque([1, 2, 3])))
