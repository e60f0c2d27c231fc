# typing: special forms and collection aliases, their reprs, equality, errors.
from typing import (Any, Callable, ClassVar, Dict, Final, FrozenSet, Iterable, List, Literal,
                    Mapping, Optional, Sequence, Set, Tuple, Type, Union, Annotated,
                    get_args, get_origin)
import typing

print(List, Dict, Set, FrozenSet, Tuple, Type, Callable, Iterable, Mapping, Sequence)
print(List[int], Dict[str, List[int]], Tuple[int, ...], Tuple[()], Tuple[int, str])
print(Callable[[int, str], bool], Callable[..., None], Callable[[], int])
print(Optional[int], Union[int, str], Union[int], Union[int, Union[str, int]], Union[None, int])
print(Literal[1, "a", True], Literal[1, 1, 2], Annotated[int, "meta", 3], ClassVar[int], Final[str])
print(Any, typing.Any, typing.Optional, typing.NoReturn, typing.Self)
print(List[int] == List[int], List[int] == List[str], Union[int, str] == Union[str, int])
print(hash(Union[int, str]) == hash(Union[str, int]), Optional[int] == Union[int, None])
print(get_origin(List[int]), get_origin(Dict[str, int]), get_origin(Union[int, str]) is Union)
print(get_args(Dict[str, int]), get_args(Callable[[int], str]), get_args(Optional[int]))
print(get_origin(int), get_args(int), get_origin(Annotated[int, "x"]) is Annotated, get_args(Annotated[int, "x"]))
print(type(List[int]).__name__, type(Union[int, str]).__name__, type(List).__name__)
print(isinstance([], List), isinstance({}, Mapping), issubclass(list, Sequence), issubclass(dict, Iterable))
print(isinstance(3, Union[int, str]), isinstance(3.0, Optional[int]))

errors = [
    lambda: List(),
    lambda: Dict[int],
    lambda: List[int, str],
    lambda: isinstance([], List[int]),
    lambda: Union[()],
    lambda: Optional[int, str],
    lambda: Any(),
    lambda: isinstance(1, Any),
    lambda: Union[int, 3],
    lambda: Callable[int, str],
    lambda: typing.NoReturn[int],
    lambda: Annotated[int],
    lambda: isinstance(1, Literal[1]),
]
for e in errors:
    try:
        r = e()
        print("no error:", r)
    except TypeError as exc:
        print("TypeError:", exc)

try:
    class Bad(Union[int, str]):
        pass
except TypeError as exc:
    print("TypeError:", exc)

class MyList(List[int]):
    pass
print(MyList.__mro__, MyList([1, 2]))
print(Tuple[int, str].__args__, List[int].__origin__, List[int].__parameters__)
