# Comparing lists or tuples that contain themselves recurses until the
# recursion limit: a RecursionError, and the interpreter keeps going.
import operator

x = []
x.append(x)
y = []
y.append(y)
for op in (operator.eq, operator.ne, operator.lt, operator.le, operator.gt, operator.ge):
    try:
        op(y, x)
        print(op.__name__, "no error")
    except RecursionError as e:
        print(op.__name__, "RecursionError:", e)
print(x == x, x is x[0])  # identity short-cut, no recursion

t = [1]
u = [1]
for _ in range(200):  # deep but finite nesting compares fine
    t = [t]
    u = (u,)
print([t] == [t], t == u)
d = {}
d["k"] = d
e = {}
e["k"] = e
try:
    print([d] == [e])
except RecursionError as err:
    print("dict RecursionError:", err)
print("still running", [1, (2, [3])] < [1, (2, [4])])
