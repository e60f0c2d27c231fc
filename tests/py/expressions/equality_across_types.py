# == and != across unrelated types never raise; ordering does
values = [0, 0.0, False, "", "0", [], (), {}, set(), None, b"", 0j, [0], (0,)]
for a in values:
    row = [int(a == b) for b in values]
    print(f"{a!r:>6}", "".join(map(str, row)))
print(1 != "1", [] != (), {} != [], None != False, set() != frozenset(), frozenset() == set())
print([1, 2] == (1, 2), list((1, 2)) == [1, 2], "abc" == ["a", "b", "c"], b"a" == "a")
for a, b in [(1, "a"), ([], ()), ({}, {}), (None, None), (set(), [])]:
    try:
        print(repr(a), "<", repr(b), a < b)
    except TypeError as e:
        print(type(e).__name__, e)
try:
    print({1} < {1, 2}, {1} < [1, 2])
except TypeError as e:
    print(type(e).__name__, e)
