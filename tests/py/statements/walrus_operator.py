# assignment expressions (:=)
if (n := len("hello")) > 3:
    print("long", n)
print(n)
data = [1, 2, 3, 4, 5, 6]
print([y for x in data if (y := x * x) > 10], y)
values = iter([3, 7, 0, 5])
while (v := next(values)) != 0:
    print("got", v)
print("stopped at", v)
print((a := 10) + a, a)
print(b := 5) if False else print((b := 5), b)
def f(x):
    return (r := x * 2) + r
print(f(4))
total = 0
results = [total := total + x for x in range(5)]
print(results, total)
print([(i, j) for i in range(3) if (j := i * 10) > 0], j)
stack = [1, 2, 3]
while stack and (top := stack.pop()) != 2:
    print("popped", top)
print("top", top, stack)
print(any((hit := x) > 3 for x in [1, 5, 7]), hit)
matrix = [[1, 2], [3, 4]]
print([[c := v * 2 for v in row] for row in matrix], c)
def g():
    [k := i for i in range(3)]
    return k
print(g())
x = 0
print((x := x + 1), (x := x + 1), x)
for src in ["(x.y := 1)", "(lst[0] := 1)", "x := 5", "[i := 0 for i in range(3)]", "def h(a := 1): pass"]:
    try:
        compile(src, "<walrus>", "exec")
        print(src, "compiles")
    except SyntaxError as e:
        print(src, "->", type(e).__name__, e.msg)
