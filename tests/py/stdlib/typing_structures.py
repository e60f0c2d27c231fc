# typing: NamedTuple and TypedDict, class and functional forms.
from typing import NamedTuple, TypedDict, List, Optional, is_typeddict
try:
    from typing import Required, NotRequired
except ImportError:
    pass

class Point(NamedTuple):
    x: int
    y: int = 0
    label: str = "origin"

    def norm1(self) -> int:
        return abs(self.x) + abs(self.y)

p = Point(3, -4)
print(p, p.norm1(), p._fields, p._field_defaults, Point.__annotations__)
print(p._replace(x=1), p._asdict(), Point._make([1, 2, "z"]), isinstance(p, tuple))
print(Point.__mro__, Point.__name__)
x, y, label = p
print(x, y, label, p[0], len(p))

Employee = NamedTuple("Employee", [("name", str), ("id", int)])
print(Employee("ann", 3), Employee.__annotations__)
Kw = NamedTuple("Kw", a=int, b=str)
print(Kw(1, "b"), Kw._fields)

for src in ["class Bad(NamedTuple):\n    a: int = 1\n    b: int\n",
            "class Bad2(NamedTuple):\n    x: int\n    def _asdict(self): pass\n",
            "class Bad3(NamedTuple, int):\n    x: int\n"]:
    try:
        exec(src)
    except (TypeError, AttributeError) as exc:
        print(type(exc).__name__ + ":", exc)

class Movie(TypedDict):
    title: str
    year: int

class Partial(TypedDict, total=False):
    rating: float

class Full(Movie, Partial):
    director: str

m = Movie(title="Heat", year=1995)
print(m, type(m), Movie.__annotations__, Movie.__total__, Partial.__total__)
print(sorted(Full.__required_keys__), sorted(Full.__optional_keys__), sorted(Full.__annotations__))
print(is_typeddict(Movie), is_typeddict(dict), Movie.__mro__)
Alt = TypedDict("Alt", {"a": int, "b": List[str]})
print(Alt(a=1, b=["x"]), Alt.__annotations__)

class WithQualifiers(TypedDict):
    must: Required[int]
    may: NotRequired[str]
print(sorted(WithQualifiers.__required_keys__), sorted(WithQualifiers.__optional_keys__))

try:
    isinstance({}, Movie)
except TypeError as exc:
    print("TypeError:", exc)
try:
    class Mixed(TypedDict, int):
        pass
except TypeError as exc:
    print("TypeError:", exc)
