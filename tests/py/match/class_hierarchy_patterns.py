# Class patterns over an inheritance hierarchy with overridden __match_args__.
class Shape:
    __match_args__ = ()

class Circle(Shape):
    __match_args__ = ("r",)
    def __init__(self, r):
        self.r = r

class Rect(Shape):
    __match_args__ = ("w", "h")
    def __init__(self, w, h):
        self.w, self.h = w, h

class Square(Rect):
    __match_args__ = ("side",)
    def __init__(self, side):
        super().__init__(side, side)
        self.side = side

def area(s):
    match s:
        case Circle(0) | Rect(0, _) | Rect(_, 0):
            return "degenerate"
        case Circle(r):
            return f"circle ~{3 * r * r}"
        case Square(side):
            return f"square {side * side}"
        case Rect(w, h):
            return f"rect {w * h}"
        case Shape():
            return "some shape"
        case _:
            return "not a shape"

for s in [Circle(2), Circle(0), Rect(2, 3), Rect(0, 5), Square(4), Square(0), Shape(), "circle"]:
    print(type(s).__name__, "->", area(s))

def order_matters(s):
    match s:
        case Rect(w, h):
            return f"matched as Rect first ({w}x{h})"
        case Square(side):
            return "never reached for squares"
print(order_matters(Square(3)))

def kw_patterns(s):
    match s:
        case Rect(w=1) | Circle(r=1):
            return "unit-ish"
        case Square(w=w, side=side) if w == side:
            return f"square consistency ok ({side})"
        case Rect(h=h):
            return f"rect with height {h}"
print(kw_patterns(Rect(1, 9)), kw_patterns(Circle(1)), kw_patterns(Square(5)), kw_patterns(Rect(2, 7)))

def isinstance_like(v):
    match v:
        case Shape() as shape if not isinstance(shape, (Circle, Rect)):
            return "base shape only"
        case Circle() | Rect():
            return "concrete shape"
        case int() | float() as number:
            return f"number {number}"
        case _:
            return "other"
print([isinstance_like(v) for v in [Shape(), Circle(1), Square(2), 3, 2.5, None]])
