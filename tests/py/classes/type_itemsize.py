# type.__itemsize__: nonzero for the variable-size builtin types and their
# subclasses, zero elsewhere.
import enum


class MyTuple(tuple):
    pass


class MyInt(int):
    pass


class Color(enum.IntEnum):
    RED = 1


class Meta(type):
    pass


class Plain:
    pass


for t in (tuple, int, bool, bytes, type, str, list, dict, float, complex, object,
          bytearray, frozenset, range, MyTuple, MyInt, Color, Meta, Plain):
    print(t.__name__, t.__itemsize__ > 0, t.__itemsize__ == tuple.__itemsize__)

try:
    class Slotted(int):
        __slots__ = ("extra",)
except TypeError as e:
    print("TypeError:", e)
