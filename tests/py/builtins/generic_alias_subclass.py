# Subclasses of types.GenericAlias (collections.abc.Callable[...]) take part in
# `|` unions and show their own repr inside other aliases.
import types
from collections.abc import Callable, Iterable, Mapping
from typing import Any

hook = Callable[["Response"], Any]
print(type(hook).__name__, isinstance(hook, types.GenericAlias))
inner = Iterable[hook]
print(inner)
print(inner | hook)
print(hook | inner)
print(Mapping[str, inner | hook])
print(list[int] | hook, int | hook, hook | None)
u = inner | hook | None
print(type(u).__name__, u.__args__[-1])


class MyAlias(types.GenericAlias):
    def __repr__(self):
        return "MyAlias!"


mine = MyAlias(list, (int,))
print(dict[str, mine], mine | int, (mine | int).__args__[0] is mine)
try:
    mine | 3
except TypeError as e:
    print("TypeError", e)
