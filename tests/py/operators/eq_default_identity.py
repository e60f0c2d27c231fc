# == and != between instances of classes that keep object's __eq__/__ne__
# (identity), and every way a class can stop keeping them: its own methods,
# a base's, one added after instances exist, the other operand's reflected
# method, None on either side.
class Plain:
    pass


class Child(Plain):
    pass


class WithEq:
    def __init__(self, k):
        self.k = k

    def __eq__(self, other):
        print("WithEq.__eq__", type(other).__name__)
        return isinstance(other, WithEq) and self.k == other.k


class OnlyNe:
    def __ne__(self, other):
        print("OnlyNe.__ne__")
        return "ne-result"


class EqChild(Plain):
    def __eq__(self, other):
        print("EqChild.__eq__")
        return NotImplemented


a, b, c = Plain(), Plain(), Child()
print(a == a, a == b, a != a, a != b, a == c, c != a, a == None, None != a)
print(WithEq(1) == WithEq(1), WithEq(1) != WithEq(2), a == WithEq(3), WithEq(3) == a)
print(OnlyNe() != OnlyNe(), OnlyNe() == OnlyNe())
e = EqChild()
print(a == e, e == a, a != e, e == e)

x, y = Plain(), Plain()
print("before:", x == y, x != y)
Plain.__eq__ = lambda self, other: print("patched __eq__") or True
print("patched:", x == y, x != y, c == x)
del Plain.__eq__
print("restored:", x == y, x != y)
Plain.__ne__ = lambda self, other: "patched __ne__"
print("ne patched:", x != y, x == y)
del Plain.__ne__

items = [Plain() for _ in range(5)]
print(items[2] in items, Plain() in items, items.index(items[3]), items.count(items[1]))
d = {items[0]: "zero"}
print(d.get(items[0]), d.get(Plain()))
print(sorted([a == b for a in items[:3] for b in items[:3]]).count(True))
