# unary -, +, ~ and not on various operands
for v in [0, 1, -1, 2 ** 70, 0.0, -0.0, 2.5, 1j, True, False]:
    print(repr(v), -v, +v, not v, ~v if isinstance(v, int) else "n/a")
print(- - -1, + + +1, ~~~0, not not not 0, -(+(-(+3))))
print(-"a" if False else "skip", not "", not "a", not [], not [[]], not None, not ..., not 0j)
class U:
    def __neg__(self):
        return "neg"
    def __pos__(self):
        return "pos"
    def __invert__(self):
        return "inv"
    def __bool__(self):
        return False
u = U()
print(-u, +u, ~u, not u)
for op, f in [("-", lambda v: -v), ("+", lambda v: +v), ("~", lambda v: ~v)]:
    for v in ["s", [1], {}, 1.5, 1j]:
        try:
            f(v)
        except TypeError as e:
            print(op, repr(v), type(e).__name__, e)
x = 5
print(-x ** 2, (-x) ** 2, -x * -x, ~x + 1 == -x, -(x - 10))
