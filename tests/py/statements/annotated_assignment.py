# annotated assignment statements
count: int = 5
name: str
ratio: float = count / 2
items: list[int] = [1, 2]
print(count, ratio, items)
print(__annotations__)
try:
    print(name)
except NameError as e:
    print(type(e).__name__, e)
class Point:
    x: int = 0
    y: int
    label: "str" = "origin"
print(Point.x, Point.label, Point.__annotations__, hasattr(Point, "y"))
def f():
    local_ann: int = 3
    unset: str
    return local_ann
print(f())
class Holder:
    pass
h = Holder()
h.attr: int = 10
print(h.attr)
d = {}
d["key"]: str = "value"
print(d)
total: int = 0
for i in range(4):
    total += i
print(total)
x: tuple = 1, 2
print(x)
