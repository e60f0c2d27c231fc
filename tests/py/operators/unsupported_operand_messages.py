# error messages for unsupported operand combinations
import operator
values = [None, "s", [1], {}, 1.5, (1,), b"b"]
ops = [("+", operator.add), ("-", operator.sub), ("*", operator.mul), ("/", operator.truediv), ("//", operator.floordiv),
       ("%", operator.mod), ("**", operator.pow), ("<<", operator.lshift), ("&", operator.and_), ("@", operator.matmul), ("<", operator.lt)]
for sym, f in ops:
    for a, b in [(None, 1), (1, None), ("s", 1.5), ([1], {}), ((1,), b"b"), ({}, {})]:
        try:
            r = f(a, b)
            print(sym, repr(a), repr(b), "->", repr(r))
        except TypeError as e:
            print(sym, repr(a), repr(b), "->", e)
