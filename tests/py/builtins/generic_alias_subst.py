# types.GenericAlias: parameters, substitution, unpacking (*tuple[...]),
# iteration, pickling and the errors of each.
import pickle
import types
from typing import TypeVar, TypeVarTuple, ParamSpec, Unpack

T = TypeVar("T")
K = TypeVar("K")
V = TypeVar("V")
Ts = TypeVarTuple("Ts")
P = ParamSpec("P")

# __parameters__ collects type variables in order, each once.
print(list[int].__parameters__)
print(list[T].__parameters__)
print(dict[K, list[V]].__parameters__)
print(dict[T, T].__parameters__)
print(tuple[T, *Ts].__parameters__)

# Substitution.
print(list[T][int])
print(dict[K, list[V]][str, int])
print(dict[T, T][bytes])
print(tuple[T, *Ts][int, str, float])
print(tuple[*Ts][()])
print(list[list[T]][dict[str, T]])
print(list[T][int] == list[int])

# The errors of substitution.
for expr in ["list[int][str]", "dict[K, V][int]", "dict[K, V][int, str, bytes]",
             "list[T][int, str]"]:
    try:
        eval(expr)
    except TypeError as e:
        print(expr, "->", e)

# Unpacking: *tuple[...] is an unpacked alias.
print(list[int].__unpacked__)
u = [*tuple[int, str]]
print(u, len(u), u[0].__unpacked__, repr(u[0]))
print(u[0].__typing_unpacked_tuple_args__)
print(tuple[int, str].__typing_unpacked_tuple_args__)
print(u[0] == tuple[int, str], u[0] == next(iter(tuple[int, str])))
print(hash(u[0]) == hash(tuple[int, str]))
print(tuple[int, *tuple[str, ...]])
print(tuple[int, *tuple[str, ...]].__args__)
it = iter(list[int])
print(next(it), next(it, "done"))
print(Unpack[Ts], tuple[Unpack[Ts]])

# Pickling round trips.
for a in [list[int], dict[str, list[int]], next(iter(tuple[int]))]:
    b = pickle.loads(pickle.dumps(a))
    print(repr(b), b == a, b.__unpacked__)
print(list[int].__reduce__())

# Attributes forwarded to the origin, and the alias' own.
print(list[int].append is list.append, list[int].__origin__, list[int].__args__)
print(list[int].__mro_entries__((object,)))
print(types.GenericAlias(tuple, (int,)).__unpacked__)

# dir() lists the origin's names and the alias' own.
print(sorted(set(dir(list[int])) - set(dir(list))))

# A subclass keeps its class (collections.abc.Callable's alias is one).
import collections.abc
c = collections.abc.Callable[[int], str]
print(type(c).__name__, c, c.__args__)
print(collections.abc.Callable[[T], K][int, str])

# The iterator pickles; it yields once.
it = iter(tuple[int])
print(pickle.loads(pickle.dumps(it)).__next__())
print(next(it), list(it))
try:
    types.GenericAlias(list)
except TypeError as e:
    print("TypeError:", e)

# More classes are generic: their subscription is a GenericAlias.
import itertools
import concurrent.futures
for cls in [enumerate, itertools.chain, types.MappingProxyType,
            types.AsyncGeneratorType, concurrent.futures.Future]:
    a = cls[int]
    print(a, a.__origin__ is cls, a.__args__)
for cls in [int, str, zip]:
    try:
        cls[int]
    except TypeError as e:
        print("TypeError:", e)

# An alias can be weakly referenced.
import weakref
alias = dict[str, T]
r = weakref.ref(alias)
print(r() is alias, r())
