# min() and max() over sets and frozensets: of ints (any iteration order
# gives one answer), after deletions, empty with and without a default, and
# of mixed items, floats, bools, big ints, strs and subclasses, whose
# answers and errors follow the iteration order.


class S(set):
    def __iter__(self):
        print("S.__iter__ called")
        return super().__iter__()


s = {5, -3, 99, 7, 0, -40000000000}
print(min(s), max(s), min(frozenset(s)), max(frozenset(s)))
s.discard(-40000000000)
s.discard(99)
print(min(s), max(s), len(s))
s.clear()
print(min(s, default="empty"), max(frozenset(), default=None))
for f in (min, max):
    try:
        f(set())
    except ValueError as e:
        print(f.__name__, "ValueError", e)
print(min({1, 2.5, -1.5}), max({"pear", "apple", "fig"}), min({True, 2}), max({False, -1}))
print(min({2 ** 70, 5, -(2 ** 65)}), max({-(2 ** 70), 3}))
print(min(S({4, 2, 8})), max(S({4, 2, 8})))
print(min({3, 1, 2}, key=lambda x: -x), max(frozenset({3, 1, 2}), key=lambda x: -x))
for f in (min, max):
    try:
        f({1, "a", 2.0})
    except TypeError as e:
        print(f.__name__, "TypeError", e)
big = set(range(-500, 500, 7))
big -= set(range(0, 100))
print(min(big), max(big), min(frozenset(big) | {-10 ** 6}), max(big | {10 ** 6}))
