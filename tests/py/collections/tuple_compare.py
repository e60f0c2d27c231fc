# lexicographic comparison of tuples and lists
pairs = [((1, 2), (1, 2)), ((1, 2), (1, 3)), ((1, 2), (1,)), ((), (0,)), ((2,), (1, 9, 9)), ((1, "a"), (1, "b")),
         ((1, 2.0), (1, 2)), (("a", 1), ("a", 1, None)), ((0, (1, 2)), (0, (1, 3)))]
for x, y in pairs:
    print(x, y, x == y, x != y, x < y, x <= y, x > y, x >= y)
print((1, "a") < (2, 1), (1, 2, 3) < (1, 2, "x") if False else "skip")
try:
    (1, "a") < (1, 2)
except TypeError as e:
    print(type(e).__name__, e)
try:
    [1, None] < [1, 2]
except TypeError as e:
    print(type(e).__name__, e)
try:
    (1,) < [1]
except TypeError as e:
    print(type(e).__name__, e)
print((1, 2) == [1, 2], [1, 2] == [1, 2], (None,) == (None,), (1, None) < (2, None))
class Cmp:
    def __init__(self, v):
        self.v = v
    def __eq__(self, o):
        print("  eq", self.v, o.v)
        return self.v == o.v
    def __lt__(self, o):
        print("  lt", self.v, o.v)
        return self.v < o.v
print((Cmp(1), Cmp(5)) < (Cmp(1), Cmp(7)))
print([Cmp(2)] == [Cmp(2)])
print(max([(1, "b"), (1, "a"), (0, "z")]), min([[3], [1, 5], [1]]))
