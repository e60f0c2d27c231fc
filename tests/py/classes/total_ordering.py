# Ordering methods, functools.total_ordering and sorting stability.
import functools

@functools.total_ordering
class Card:
    RANKS = "23456789TJQKA"
    def __init__(self, text):
        self.rank, self.suit = text[0], text[1]
    def __repr__(self):
        return self.rank + self.suit
    def _key(self):
        return Card.RANKS.index(self.rank)
    def __eq__(self, other):
        return self._key() == other._key()
    def __lt__(self, other):
        return self._key() < other._key()

hand = [Card(t) for t in ["Kh", "2c", "Ts", "Ad", "2h", "Kc"]]
print(sorted(hand))
print(sorted(hand, reverse=True))
print(max(hand), min(hand))
a, b = Card("Kh"), Card("Ts")
print(a > b, a >= b, a <= b, b <= a, a == Card("Ks"), a != b)
print(Card("2c") == Card("2h"), sorted([Card("2h"), Card("2c")]))

class OnlyLt:
    def __init__(self, v):
        self.v = v
    def __lt__(self, other):
        return self.v < other.v
    def __repr__(self):
        return f"L{self.v}"
items = [OnlyLt(3), OnlyLt(1), OnlyLt(2)]
print(sorted(items), max(items), min(items))
print(OnlyLt(1) > OnlyLt(0))
try:
    OnlyLt(1) <= OnlyLt(2)
except TypeError as e:
    print("TypeError:", e)

class OnlyGt:
    def __init__(self, v):
        self.v = v
    def __gt__(self, other):
        return self.v > other.v
    def __repr__(self):
        return f"G{self.v}"
print(sorted([OnlyGt(2), OnlyGt(1)]))

records = [("b", 2), ("a", 2), ("c", 1), ("d", 1)]
print(sorted(records, key=lambda r: r[1]))
print(sorted(records, key=lambda r: -r[1]))

class Reverse:
    def __init__(self, v):
        self.v = v
    def __lt__(self, other):
        return self.v > other.v
print([r.v for r in sorted(map(Reverse, [1, 3, 2]))])

print(functools.cmp_to_key(lambda a, b: (a > b) - (a < b))(1) < functools.cmp_to_key(lambda a, b: (a > b) - (a < b))(2))
def by_length_then_alpha(a, b):
    if len(a) != len(b):
        return len(a) - len(b)
    return (a > b) - (a < b)
print(sorted(["ccc", "a", "bb", "aa", "b"], key=functools.cmp_to_key(by_length_then_alpha)))
