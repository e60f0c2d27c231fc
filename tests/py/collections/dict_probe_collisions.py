# Lookups where hashes collide, partly or wholly: which keys are found,
# and how often __eq__ runs (only between keys of equal hash).

class Key:
    eq_calls = 0

    def __init__(self, name, h):
        self.name = name
        self.h = h

    def __hash__(self):
        return self.h

    def __eq__(self, other):
        Key.eq_calls += 1
        return isinstance(other, Key) and self.name == other.name

    def __repr__(self):
        return f"Key({self.name!r}, {self.h})"


# Same slot in every table size, different hashes: no __eq__ at all.
same_low_bits = [Key(f"k{i}", i << 40) for i in range(12)]
d = {k: i for i, k in enumerate(same_low_bits)}
Key.eq_calls = 0
print([d[k] for k in same_low_bits])
print("eq calls, same object:", Key.eq_calls)
twins = [Key(k.name, k.h) for k in same_low_bits]
Key.eq_calls = 0
print([d[k] for k in twins])
print("eq calls, equal twins:", Key.eq_calls)

# Equal hashes, unequal keys: __eq__ decides (in a dict, against each
# key of that hash met before the match, in insertion order here).
clash = [Key(f"c{i}", 7) for i in range(6)]
s = set(clash)
print(len(s), Key("c3", 7) in s, Key("zz", 7) in s, Key("c3", 8) in s)
dc = dict.fromkeys(clash)
Key.eq_calls = 0
print(Key("c3", 7) in dc, Key.eq_calls)

# ints whose low 32 bits agree, negative ones, and -1 (hashes to -2).
ints = [i << 32 for i in range(1, 9)] + [-(i << 32) for i in range(1, 9)] + [-1, -2]
si = set(ints)
print(all(i in si for i in ints), (3 << 32) + 1 in si, len(si))
print(hash(-1), hash(-2), -1 in si, -2 in si)
di = dict.fromkeys(ints, 0)
for i in ints:
    di[i] += 1
print(sorted(di.values()) == [1] * len(ints))

# Equal keys of different types share a hash and an entry.
m = {1: "int"}
m[1.0] = "float"
m[True] = "bool"
print(m, {1.5: 0}.get(1.5), 2**61 - 1 in {2**61 - 1: 0}, hash(2**61 - 1) == hash(0))
print({0: "a"}.get(2**61 - 1), {0: "a", 2**61 - 1: "b"})

# str keys: the same object, an equal copy, a str subclass of another hash.
class S(str):
    def __hash__(self):
        return 12345

names = [f"name_{i}" for i in range(2000)]
table = {n: i for i, n in enumerate(names)}
copies = ["".join(["name_", str(i)]) for i in range(2000)]
print(sum(table[c] for c in copies) == sum(range(2000)))
print(S("name_5") in table, table.get(S("name_5")), "name_5" in {S("name_5"): 1})
print({S("x"): 1, "x": 2})

# Tuples of simple keys, equal by value.
pairs = {(i, str(i)): i for i in range(500)}
print(all(pairs[(i, str(i))] == i for i in range(500)), (3, "4") in pairs)

# Deleting and re-adding keeps every lookup right.
big = {i * 1000003: i for i in range(3000)}
for i in range(0, 3000, 3):
    del big[i * 1000003]
for i in range(0, 3000, 6):
    big[i * 1000003] = -i
print(len(big), sum(1 for i in range(3000) if i * 1000003 in big))
print(big.get(3 * 1000003), big.get(6 * 1000003), big.get(7 * 1000003))
