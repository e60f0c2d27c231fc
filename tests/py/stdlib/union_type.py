# X | Y unions of classes (types.UnionType) and their use with typing.
u = int | str
print(u, type(u), u.__args__, int | None, None | int, int | int, list[int] | None, u | bytes, u == (str | int), hash(u) == hash(str | int))
print(isinstance(1, int | str), isinstance(1.5, int | str), issubclass(bool, int | None))
try:
    int | "x"
except TypeError as e:
    print(e)
try:
    isinstance([], list[int] | None)
except TypeError as e:
    print(e)
from typing import Union, Optional, TypeVar
T = TypeVar("T")
print(int | T, T | None, Union[int | str, bytes], Optional[int | str])
def f(x: int | None = None) -> list[int] | dict[str, int]: pass
print(f.__annotations__)
