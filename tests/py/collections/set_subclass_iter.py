# Set and frozenset subclasses that override __iter__: iteration, list(),
# tuple(), sorted(), sum(), `in` loops and `yield from` use the override;
# set algebra and set() of them read the table, as CPython's set code does.
class S(set):
    def __iter__(self):
        return iter([42])

class F(frozenset):
    def __iter__(self):
        yield from (43, 44)

s, f = S([1, 2]), F([1, 2])
print(list(s), list(f), tuple(s), tuple(f), sorted(f), sum(f))
print([x for x in s], [x for x in f], {x for x in f}, dict.fromkeys(f))
def g():
    yield from f
print(list(g()), *s, *f)
print(set(s) == {1, 2}, set(f) == {1, 2}, frozenset(f) == {1, 2})
print(sorted(s | {3}), sorted(f & {1}), sorted(s - {1}), sorted(f ^ {2, 3}))
print(len(s), 1 in s, 42 in s, s == {1, 2}, max(f), min(s))
print(list(enumerate(f)), list(zip(s, f)), list(map(str, f)))

# An override that returns something not an iterator.
class Bad(set):
    def __iter__(self):
        return 5
try:
    list(Bad([1]))
except TypeError as e:
    print("TypeError:", e)

# Without an override, a subclass iterates as a set does.
class Plain(frozenset):
    pass
p = Plain([3, 1, 2])
print(list(p) == list(frozenset([3, 1, 2])), sorted(p), type(iter(p)).__name__)
