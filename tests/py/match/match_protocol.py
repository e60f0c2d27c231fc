# Which operations a match statement performs on the subject.
class Seq:
    def __init__(self, items):
        self.items = items
    def __len__(self):
        return len(self.items)
    def __getitem__(self, i):
        return self.items[i]
    def __iter__(self):
        return iter(self.items)

import collections.abc
collections.abc.Sequence.register(Seq)

def m(v):
    match v:
        case [a, b, c]:
            return ("three", a, b, c)
        case [a, *rest]:
            return ("star", a, rest)
        case _:
            return "none"

print(m(Seq([1, 2, 3])))
print(m(Seq([1, 2])))
print(m(Seq([])))

class Mapping(dict):
    def get(self, key, default=None):
        print("  get", key)
        return super().get(key, default)
    def __getitem__(self, key):
        print("  __getitem__", key)
        return super().__getitem__(key)
    def keys(self):
        print("  keys")
        return super().keys()

def mm(v):
    match v:
        case {"a": 1, "b": x}:
            return ("a and b", x)
        case {"a": _, **rest}:
            return ("rest", rest)
print(mm(Mapping(a=1, b=2)))
print(mm(Mapping(a=2, c=3)))

class Attr:
    __match_args__ = ("p", "q")
    def __getattr__(self, name):
        print("  __getattr__", name)
        if name in ("p", "q"):
            return name.upper()
        raise AttributeError(name)
def ma(v):
    match v:
        case Attr("P", "X"):
            return "first"
        case Attr("P", q):
            return "second " + q
print(ma(Attr()))

class Subject:
    def __eq__(self, other):
        print("  __eq__ with", other)
        return False
def me(v):
    match v:
        case 1 | "one":
            return "number one"
        case None:
            return "none"
        case _:
            return "no equality match"
print(me(Subject()))

evaluated = []
def subject():
    evaluated.append("subject")
    return [1, 2]
match subject():
    case [1, 3]:
        pass
    case [1, x]:
        print("subject evaluated", len(evaluated), "time(s), x =", x)
