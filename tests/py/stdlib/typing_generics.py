# typing: TypeVar, Generic classes, substitution, Protocol, NewType, helpers.
from typing import (Generic, TypeVar, List, Dict, Protocol, runtime_checkable, NewType,
                    SupportsInt, SupportsFloat, cast, overload, get_overloads, final,
                    get_type_hints, Optional, AnyStr, ParamSpec, assert_never, TYPE_CHECKING)

T = TypeVar("T")
K = TypeVar("K")
V = TypeVar("V")
N = TypeVar("N", int, float)
B = TypeVar("B", bound=str)
Co = TypeVar("Co", covariant=True)
Contra = TypeVar("Contra", contravariant=True)
print(T, N, B, Co, Contra, AnyStr, N.__constraints__, B.__bound__, T.__name__)
print(Co.__covariant__, Contra.__contravariant__, T.__bound__, T.__constraints__)
P = ParamSpec("P")
print(P, P.args, P.kwargs)

class Box(Generic[T]):
    def __init__(self, item: T):
        self.item = item
    def get(self) -> T:
        return self.item

class Pair(Generic[K, V]):
    pass

print(Box, Box[int], Box.__parameters__, Pair[str, int], Pair.__parameters__)
print(Box[int](5).item, Box[int](5).__orig_class__, Box.__mro__)
print(List[T][int], Dict[K, List[V]][str, int], Dict[str, T][bytes])

class IntBox(Box[int]):
    pass
print(IntBox.__parameters__, IntBox.__orig_bases__, IntBox(3).get())

for bad in [lambda: TypeVar("X", int), lambda: TypeVar("X", int, bound=str),
            lambda: TypeVar("X", covariant=True, contravariant=True),
            lambda: Generic[int], lambda: Generic[T, T], lambda: Box[int, str],
            lambda: Generic()]:
    try:
        bad()
        print("no error")
    except (TypeError, ValueError) as exc:
        print(type(exc).__name__ + ":", exc)

try:
    class Sub(T):
        pass
except TypeError as exc:
    print("TypeError:", exc)

@runtime_checkable
class Closeable(Protocol):
    def close(self) -> None: ...

class File:
    def close(self):
        return "closed"

class Plain:
    pass

class NotRuntime(Protocol):
    def run(self) -> None: ...

print(isinstance(File(), Closeable), isinstance(Plain(), Closeable), issubclass(File, Closeable))
print(isinstance(3, SupportsInt), isinstance("x", SupportsInt), isinstance(2.5, SupportsFloat))
try:
    isinstance(File(), NotRuntime)
except TypeError as exc:
    print("TypeError:", exc)
try:
    Closeable()
except TypeError as exc:
    print("TypeError:", exc)

class Impl(Closeable):
    def close(self):
        return "impl closed"
print(Impl().close(), isinstance(Impl(), Closeable))

UserId = NewType("UserId", int)
print(UserId, UserId(7), type(UserId(7)), UserId.__supertype__, UserId.__name__)
try:
    class Derived(UserId):
        pass
except TypeError as exc:
    print("TypeError:", exc)

print(cast(List[int], "not checked"), cast("int", 5), TYPE_CHECKING)

@overload
def double(x: int) -> int: ...
@overload
def double(x: str) -> str: ...
def double(x):
    return x * 2
print(double(4), double("ab"), len(get_overloads(double)))

@final
class Leaf:
    pass
print(Leaf.__final__)

class Node:
    next: "Optional[Node]"
    value: int
    def link(self, other: "Node", weight: float = 1.0) -> "List[Node]":
        return [self, other]

print(get_type_hints(Node))
print(get_type_hints(Node.link))
def plain(a, b: int) -> None: pass
print(get_type_hints(plain))

try:
    assert_never(42)
except AssertionError as exc:
    print("AssertionError:", exc)
