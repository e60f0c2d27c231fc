# types.UnionType subscription: type variables replaced, the union rebuilt with |.
import typing
T = typing.TypeVar("T"); S = typing.TypeVar("S")
print((float | list[T])[int] == float | list[int], (float | list[T])[int])
print(list[int | list[T]].__parameters__, list[int | list[T]][str])
print((list[T] | list[S]).__parameters__)
print((list[T] | list[S])[int, T], (list[T] | list[S])[int, int])
for bad in [lambda: (int | str)[int], lambda: (float | list[T])[int, str], lambda: (list[T] | list[S])[int]]:
    try: bad()
    except TypeError as e: print("TypeError:", e)
