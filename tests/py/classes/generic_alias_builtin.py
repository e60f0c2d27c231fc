# types.GenericAlias from builtin classes: repr, attributes, equality, calls.
import collections
aliases = [list[int], dict[str, list[int]], tuple[int, ...], set[str], frozenset[bytes],
           type[int], tuple[()], list[collections.OrderedDict], dict[int, "fwd"]]
for a in aliases:
    print(repr(a))
a = list[int]
print(a.__origin__, a.__args__, a.__parameters__)
print(type(a).__name__, type(a).__module__)
print(a([3, 4]), a() == [], dict[str, int](x=1))
print(a == list[int], a != list[str], hash(a) == hash(list[int]))
print(a.__name__, a.__qualname__)
print(a.__mro_entries__(()))
try:
    isinstance([], list[int])
except TypeError as e:
    print("TypeError:", e)
class MyList(list[int]):
    pass
print(MyList.__bases__, MyList([1]))
print(dict[str, int] == dict[str, int], {list[int]: 1}[list[int]])
