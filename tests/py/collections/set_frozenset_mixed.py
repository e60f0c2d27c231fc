# interplay of set and frozenset; sets of tuples and strings (sorted before printing)
s = {("b", 2), ("a", 1), ("c", 3)}
print(sorted(s), ("a", 1) in s, ("a", 2) in s)
names = {"zed", "amy", "bob", "amy"}
print(sorted(names), len(names), sorted(sorted(names), key=len), sorted(names | {"cy"}))
print(sorted(names & {"bob", "zoe"}), sorted(names - {"zed"}), sorted(names ^ {"amy", "dan"}))
fs = frozenset(names)
print(fs == names, names == fs, sorted(fs | {"x"}), type(fs | {"x"}).__name__, type(names | fs).__name__)
sets_of_sets = {frozenset({1, 2}), frozenset({2, 1}), frozenset({3})}
print(len(sets_of_sets), sorted(tuple(sorted(x)) for x in sets_of_sets))
print(set("hello") == {"h", "e", "l", "o"}, sorted(set("hello")), "".join(sorted(set("mississippi"))))
s2 = set()
for w in "the cat and the hat and the bat".split():
    s2.add(w)
print(sorted(s2), len(s2))
print(sorted({x.lower() for x in ["A", "a", "B"]}), sorted(set(map(str.upper, "abca"))))
