# __class_getitem__ and builtin generic aliases.
class Box:
    def __class_getitem__(cls, item):
        return f"{cls.__name__}[{item!r}]"
print(Box[int])
print(Box["x"])
print(Box[int, str])
print(type(Box.__dict__["__class_getitem__"]).__name__)

class SubBox(Box):
    pass
print(SubBox[0])

try:
    Box()[0]
except TypeError as e:
    print("TypeError:", e)

class NoGeneric:
    pass
try:
    NoGeneric[int]
except TypeError as e:
    print("TypeError:", e)

class Both:
    def __getitem__(self, i):
        return ("instance", i)
    def __class_getitem__(cls, i):
        return ("class", i)
print(Both[1], Both()[1])

print(list[int])
print(dict[str, list[int]])
print(tuple[int, ...])
alias = list[int]
print(alias.__origin__, alias.__args__)
print(alias([1, 2]))
print(type(alias) is type(dict[int, int]))
print(list[int] == list[int], list[int] == list[str])

class Meta(type):
    def __getitem__(cls, item):
        return "meta getitem " + repr(item)
class UsesMeta(metaclass=Meta):
    def __class_getitem__(cls, item):
        return "class_getitem"
print(UsesMeta[1])

class Explicit:
    @classmethod
    def __class_getitem__(cls, item):
        return (cls.__name__, item)
print(Explicit[2])
