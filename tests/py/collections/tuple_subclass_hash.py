# Hashing tuple subclasses: namedtuples hash as the tuple of their items
# (nested ones too); an override or an __eq__ without __hash__ is honoured;
# an unhashable item fails the whole hash.
from collections import namedtuple

P = namedtuple("P", "x y")
Q = namedtuple("Q", "p tag")
print(hash(P(1, 2)) == hash((1, 2)), hash(Q(P(1, 2), "a")) == hash(((1, 2), "a")))
d = {Q(P(i, -i), str(i)): i for i in range(5)}
print(d[((3, -3), "3")], Q(P(4, -4), "4") in d, ((9, 9), "9") in d)


class T(tuple):
    pass


class H(tuple):
    def __hash__(self):
        return 42


class E(tuple):
    def __eq__(self, other):
        return True


class HT(H):
    pass


t = T((1, "x"))
t.extra = "has a dict"
print(hash(t) == hash((1, "x")), hash(H((1,))), hash(HT((1, 2))))
try:
    hash(E((1,)))
except TypeError as e:
    print("TypeError", e)
try:
    hash(P([1], 2))
except TypeError as e:
    print("TypeError", e)
try:
    hash(Q(P(1, {}), "z"))
except TypeError as e:
    print("TypeError", e)
print(tuple.__hash__(P(5, 6)) == hash((5, 6)))
try:
    tuple.__hash__([1])
except TypeError as e:
    print("TypeError", e)
s = {P(1, 2), (1, 2), T((1, 2))}
print(len(s))
