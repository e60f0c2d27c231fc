# __class__ assignment needs the same layout, weak-reference support
# included.


class Pair:
    __slots__ = ["left", "right"]


class PairRef(Pair):
    __slots__ = ["__weakref__"]


class OtherPair:
    __slots__ = ["left", "right"]


class Open:
    pass


class AlsoOpen:
    pass


for src, dst in [(Pair, PairRef), (PairRef, Pair), (Pair, OtherPair), (Open, AlsoOpen), (Open, Pair)]:
    x = src()
    try:
        x.__class__ = dst
        print(src.__name__, "->", type(x).__name__)
    except TypeError as e:
        print(src.__name__, "->", dst.__name__, type(e).__name__, e)

for body in ["__qualname__ = 3", "__qualname__ = object()\n    __slots__ = ['__qualname__']"]:
    try:
        exec("class Named:\n    " + body)
        print("made")
    except TypeError as e:
        print(type(e).__name__, e)
