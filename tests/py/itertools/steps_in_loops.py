# itertools objects stepped by for loops, list(), any(), sum() and next():
# results, exhaustion, a StopIteration raised by a called function ending
# the loop (as CPython's FOR_ITER treats it), subclasses overriding
# __next__, and errors raised inside the step.
import itertools as it


def stop(*args):
    raise StopIteration


def boom(*args):
    raise ValueError("boom %r" % (args,))


d = {"x": 1, "y": 2}
print(list(it.chain((1, 2), d.values(), [], "ab")))
print(any(isinstance(a, str) for a in it.chain((1,), d.values())))
print(any(isinstance(a, str) for a in it.chain((1,), {}.values())))
print(sum(it.islice(it.count(10, 5), 3)), list(it.islice("abcdef", 1, None, 2)))
print(list(it.repeat("r", 3)), list(it.islice(it.cycle([1, 2]), 5)))
print(list(it.accumulate([1, 2, 3, 4])), list(it.accumulate([1, 2, 3], initial=100)))
print(list(it.compress("abcdef", [1, 0, 1, 0, 1])), list(it.filterfalse(None, [0, 1, 0, 2])))
print(list(it.starmap(pow, [(2, 3), (3, 2)])))
print(list(it.dropwhile(lambda x: x < 3, [1, 2, 3, 1])), list(it.takewhile(lambda x: x < 3, [1, 2, 3, 1])))
print([(k, list(g)) for k, g in it.groupby("aabbbc")])
print(list(it.pairwise("abcd")), list(it.zip_longest("ab", "xyz", fillvalue="-")))
print(list(it.product("ab", repeat=2)), list(it.permutations("abc", 2))[:3])
print(list(it.combinations("abcd", 3)), list(it.combinations_with_replacement("ab", 2)))
a, b = it.tee(iter([1, 2, 3]))
print(list(a), next(b), list(b))

# Exhaustion: each iterator stays exhausted.
c = it.chain([1])
print(list(c), list(c), next(c, "done"))
t = it.takewhile(lambda x: x < 2, [1, 2, 1])
print(list(t), list(t))

# A StopIteration raised by a called function ends a for loop and list().
for name, obj in [
    ("starmap", lambda: it.starmap(stop, [(1,)])),
    ("accumulate", lambda: it.accumulate([1, 2], stop)),
    ("filterfalse", lambda: it.filterfalse(stop, [1])),
    ("dropwhile", lambda: it.dropwhile(stop, [1])),
    ("takewhile", lambda: it.takewhile(stop, [1])),
    ("map", lambda: map(stop, [1])),
]:
    got = []
    for x in obj():
        got.append(x)
    print(name, got, list(obj()))
    try:
        next(obj())
    except StopIteration:
        print(name, "next() raises StopIteration")

# Other exceptions raised inside a step propagate with their traceback.
for obj in [it.starmap(boom, [(1,)]), it.accumulate([1, 2], boom), map(boom, [3])]:
    try:
        for x in obj:
            pass
    except ValueError as e:
        print(type(obj).__name__, "ValueError", e)


# A subclass's own __next__ is what the loop calls.
class Twice(it.chain):
    def __next__(self):
        v = super().__next__()
        return v * 2


class Plain(it.chain):
    pass


print(list(Twice([1, 2], [3])), list(Plain([1, 2], [3])))
print(sum(x for x in Twice(range(4))))


# A chain over iterators that raise: the error reaches the loop.
def gen():
    yield 1
    raise KeyError("in gen")


try:
    for x in it.chain(gen(), [2]):
        print("item", x)
except KeyError as e:
    print("KeyError", e)

# Iterating a chain of a chain, islice of a count: nested steps.
print(list(it.islice(it.chain(it.chain("ab"), it.count()), 6)))
print(type(iter(it.chain())) is it.chain, iter(c) is c)
