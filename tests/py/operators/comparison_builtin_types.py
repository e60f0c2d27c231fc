# ordering and equality semantics of builtin container types
print([1, 2, 3] < [1, 2, 4], [1, 2] < [1, 2, 3], [2] > [1, 100], [] < [[]], [[1]] < [[2]])
print((1, "a") < (1, "b"), ("a",) < ("a", 0), ((1, 2), 3) < ((1, 3), 0))
print("abc" < "abd", "abc" < "abcd", "Z" < "a", "" < " ", "10" < "9")
print(b"abc" < b"abd", b"\x00" < b"\x01", bytearray(b"a") < b"b")
print({1, 2} < {1, 2, 3}, {1, 2} <= {1, 2}, {1, 3} < {1, 2, 3, 4}, {5} > set(), {1} < {2}, {1} > {2}, {1} == {1})
print(frozenset({1}) < {1, 2}, {1} < frozenset({1, 2}), frozenset() == set())
print(range(3) == range(3), range(0) == range(2, 2), range(1, 5, 2) == range(1, 6, 2))
print({1: 2} == {1: 2.0}, {1: [1]} != {1: [1]}, {"a": 1, "b": 2} == {"b": 2, "a": 1})
for a, b in [({1: 2}, {1: 3}), (range(3), range(4)), (None, None), (1j, 2j)]:
    try:
        print(a < b)
    except TypeError as e:
        print(type(e).__name__, e)
