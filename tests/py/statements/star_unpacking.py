# starred assignment targets and unpacking errors
first, *rest = [1, 2, 3, 4]
print(first, rest)
*init, last = "abcd"
print(init, last)
a, *mid, z = range(6)
print(a, mid, z)
a, *mid, z = [1, 2]
print(a, mid, z)
*everything, = (5, 6)
print(everything)
head, *tail = "x"
print(head, tail)
(a, b), *others = [(1, 2), (3, 4), (5, 6)]
print(a, b, others)
for x, *ys in [(1, 2, 3), (4,), (5, 6)]:
    print(x, ys)
[p, *q] = {10: "a", 20: "b"}
print(p, q)
def u1(v):
    a, b = v
def u2(v):
    a, *b, c = v
def u3(v):
    a, = v
def u4(v):
    (a, b), c = v
cases = [(u1, [1]), (u1, [1, 2, 3]), (u2, [1]), (u1, 5), (u1, None), (u3, []), (u4, [1, 2]), (u1, "ab"), (u2, "ab")]
for f, v in cases:
    try:
        f(v)
        print(f.__name__, repr(v), "ok")
    except (ValueError, TypeError) as e:
        print(f.__name__, repr(v), "->", type(e).__name__, e)
def gen():
    print("  gen start")
    yield 1
    yield 2
    print("  gen end")
x, y = gen()
print(x, y)
try:
    x, y = iter([1, 2, 3])
except ValueError as e:
    print(type(e).__name__, e)
for src in ["*a = [1]", "a, *b, *c = [1, 2, 3]", "*a, = 1, 2"]:
    try:
        exec(src)
        print(src, "ok")
    except SyntaxError as e:
        print(src, "->", type(e).__name__, e.msg)
print([*range(3), *"ab"], (*[1], 2), {*[1, 1], 2}, {**{"a": 1}, "b": 2})
