# inspect.signature and __text_signature__ of builtin functions, methods,
# types and of classes that inherit their signature from a builtin.
import inspect
import itertools
import math
import operator
import functools


def sig(label, f):
    try:
        print(label, "->", inspect.signature(f))
    except ValueError as e:
        print(label, "-> ValueError:", str(e).split(" <")[0])


print("-- module functions")
for name in ["len", "abs", "print", "sorted", "sum", "pow", "round", "divmod",
             "isinstance", "format", "repr", "hash", "open", "max", "min",
             "iter", "next", "getattr", "vars", "dir"]:
    sig(name, getattr(__builtins__, name) if not isinstance(__builtins__, dict)
        else __builtins__[name])
sig("math.sqrt", math.sqrt)
sig("math.isclose", math.isclose)
sig("math.log", math.log)
sig("operator.add", operator.add)
sig("operator.index", operator.index)
sig("functools.reduce", functools.reduce)

print("-- methods, unbound and bound")
for t, names in [(list, ["append", "insert", "index", "sort", "copy", "pop"]),
                 (dict, ["get", "setdefault", "pop", "update", "keys"]),
                 (str, ["split", "join", "replace", "startswith", "encode", "format"]),
                 (int, ["to_bytes", "bit_length", "__add__", "__round__"]),
                 (bytes, ["decode", "hex", "split"]),
                 (set, ["add", "union", "discard"]),
                 (object, ["__init__", "__eq__", "__repr__", "__reduce_ex__",
                           "__format__", "__setattr__", "__dir__"])]:
    for n in names:
        sig(f"{t.__name__}.{n}", getattr(t, n))
sig("[].append", [].append)
sig("'x'.split", "x".split)
sig("{}.get", {}.get)
sig("(1).__add__", (1).__add__)
sig("dict.fromkeys", dict.fromkeys)
sig("int.from_bytes", int.from_bytes)
sig("int.__new__", int.__new__)
sig("object.__init_subclass__", object.__init_subclass__)

print("-- __text_signature__")
for f in [len, print, sorted, max, list.append, dict.get, dict.pop,
          object.__init__, object.__new__, object.__init_subclass__, math.sqrt]:
    print(f.__name__, repr(f.__text_signature__))
print(len.__self__ is __import__("builtins"), math.sqrt.__self__ is math)
print([].append.__self__, int.__new__.__self__)

print("-- types")
for t in [object, int, float, complex, str, bytes, bytearray, list, tuple,
          dict, set, frozenset, range, slice, bool, property, classmethod,
          staticmethod, super, memoryview, enumerate, zip, map, filter,
          reversed, type, BaseException, ValueError, OSError, StopIteration,
          itertools.count, itertools.groupby, itertools.chain]:
    print(t.__name__, repr(t.__text_signature__))
    sig(" ", t)


print("-- classes")


class Plain:
    pass


class WithInit:
    def __init__(self, a, b=2, *args, c, **kw):
        pass


class WithNew:
    def __new__(cls, x, /, y=None):
        return super().__new__(cls)


class Sub(WithInit):
    pass


class MyList(list):
    pass


class MyDict(dict):
    pass


class MyInt(int):
    pass


class MyFloat(float):
    pass


class MyEnum(enumerate):
    pass


class MyErr(ValueError):
    pass


class Documented:
    "Documented(a, b=1)\n--\n\nA class that states its signature."


class BadDoc:
    "BadDoc(a)\n\n--\n\nA blank line before the marker."


class OtherName:
    "Something(a)\n--\n\nThe name does not match."


for c in [Plain, WithInit, WithNew, Sub, MyList, MyDict, MyInt, MyFloat, MyEnum,
          MyErr, Documented, BadDoc, OtherName]:
    print(c.__name__, repr(c.__text_signature__))
    sig(" ", c)


class Meta(type):
    pass


class WithMeta(metaclass=Meta):
    pass


sig("WithMeta", WithMeta)
sig("Meta", Meta)
sig("Plain()", Plain().__init__)

print("-- native modules")
import os
import _pickle
import _codecs
import io
import zlib
import binascii
import _struct
import collections
sig("os.stat", os.stat)
sig("os.WCOREDUMP", os.WCOREDUMP)
sig("os.WIFEXITED", os.WIFEXITED)
sig("_pickle.Pickler", _pickle.Pickler)
sig("_pickle.Pickler.dump", _pickle.Pickler.dump)
sig("_pickle.Pickler(...).dump", _pickle.Pickler(io.BytesIO()).dump)
sig("_codecs.utf_8_decode", _codecs.utf_8_decode)
sig("io.text_encoding", io.text_encoding)
sig("zlib.compress", zlib.compress)
sig("binascii.hexlify", binascii.hexlify)
sig("_struct.pack", _struct.pack)
sig("collections.deque.append", collections.deque.append)
for call in ["os.WCOREDUMP(status=0)", "_codecs.utf_8_decode(data=b'a')",
             "io.text_encoding(encoding=None)", "_codecs.utf_8_decode()",
             "_codecs.utf_16_ex_decode(b'', 'strict', 0, True, 5)",
             "io.text_encoding()", "os.WCOREDUMP()"]:
    try:
        eval(call)
    except TypeError as e:
        print(call, "->", e)
print(os.WIFEXITED(status=0), _codecs.utf_8_decode(b"ab", None, True),
      io.text_encoding(None), io.text_encoding("utf-8", 3))
