# Building a set or a dict from the keys of an exact dict, set or frozenset
# reuses their stored hashes: no __hash__ runs.


class Tally(int):
    calls = 0

    def __hash__(self):
        Tally.calls += 1
        return int.__hash__(self)


source = dict.fromkeys(map(Tally, range(6)), "v")
print("building", Tally.calls)
for label, make in [
    ("set(dict)", lambda: set(source)),
    ("frozenset(dict)", lambda: frozenset(source)),
    ("fromkeys(set)", lambda: dict.fromkeys(set(source))),
    ("fromkeys(frozenset)", lambda: dict.fromkeys(frozenset(source), 0)),
    ("fromkeys(dict)", lambda: dict.fromkeys(source, 1)),
]:
    Tally.calls = 0
    result = make()
    print(label, Tally.calls, len(result), sorted(result) == list(range(6)))

print(dict.fromkeys(frozenset(source), 7) == dict.fromkeys(source, 7))


# A dict subclass is iterated instead (its __iter__ may be overridden).
class Reversed(dict):
    def __iter__(self):
        return reversed(list(super().__iter__()))


Tally.calls = 0
print("subclass", sorted(set(Reversed(source))), dict.fromkeys(Reversed({1: 0, 2: 0})))
