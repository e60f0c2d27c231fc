# A sequence's __mul__/__rmul__/__imul__ called directly raise TypeError for
# a count that is not an integer; the * and *= operators instead try the
# other operand's reflected method first, then say "can't multiply sequence".
from array import array
from collections import deque


class Count:
    def __init__(self, n):
        self.n = n

    def __index__(self):
        return self.n


class Reflect:
    def __rmul__(self, other):
        return ("rmul", type(other).__name__)

    def __mul__(self, other):
        return ("mul", type(other).__name__)


class Refuses:
    def __rmul__(self, other):
        return NotImplemented

    def __mul__(self, other):
        return NotImplemented


def show(label, f):
    try:
        r = f()
    except Exception as e:
        print(label, type(e).__name__, e)
    else:
        if isinstance(r, (array, deque)):
            r = list(r)
        print(label, repr(r))


samples = ["ab", b"ab", bytearray(b"ab"), [1, 2], (1, 2), deque([1, 2]), array("b", [1, 2])]
for s in samples:
    name = type(s).__name__
    for m in ("__mul__", "__rmul__", "__imul__"):
        if not hasattr(s, m):
            print(name, m, "absent")
            continue
        for arg in ("x", 2.0, None, Count(2), True, -1, 10**30):
            copy = s.copy() if hasattr(s, "copy") else s
            show(f"{name}.{m}({arg!r:.12})", lambda: getattr(copy, m)(arg))
    show(f"{name} * Reflect()", lambda: s * Reflect())
    show(f"Reflect() * {name}", lambda: Reflect() * s)
    show(f"{name} * Refuses()", lambda: s * Refuses())
    show(f"Refuses() * {name}", lambda: Refuses() * s)
    show(f"{name} * 'x'", lambda: s * "x")
    show(f"1.5 * {name}", lambda: 1.5 * s)
    show(f"{name} * Count(3)", lambda: s * Count(3))
    show(f"Count(2) * {name}", lambda: Count(2) * s)

    def inplace_reflect(s=s):
        x = s.copy() if hasattr(s, "copy") else s
        x *= Reflect()
        return x

    def inplace_str(s=s):
        x = s.copy() if hasattr(s, "copy") else s
        x *= "x"
        return x

    def inplace_count(s=s):
        x = s.copy() if hasattr(s, "copy") else s
        x *= Count(2)
        return x

    show(f"{name} *= Reflect()", inplace_reflect)
    show(f"{name} *= 'x'", inplace_str)
    show(f"{name} *= Count(2)", inplace_count)

show("'ab' * [1]", lambda: "ab" * [1])
show("[1] * (2,)", lambda: [1] * (2,))


class MyStr(str):
    pass


class MyList(list):
    def __rmul__(self, other):
        return "MyList.__rmul__"


show("MyStr('ab') * 2", lambda: MyStr("ab") * 2)
show("MyStr('ab').__mul__('x')", lambda: MyStr("ab").__mul__("x"))
show("2 * MyList([1])", lambda: 2 * MyList([1]))
show("[1] * MyList([1])", lambda: [1] * MyList([1]))
show("str.__mul__('ab', 3)", lambda: str.__mul__("ab", 3))
show("list.__rmul__([1], Count(2))", lambda: list.__rmul__([1], Count(2)))
