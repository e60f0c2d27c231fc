# walrus inside comprehensions binds in the enclosing scope
values = [3, 8, 1, 9, 4]
big = [y for x in values if (y := x * 2) > 7]
print(big, y)
def running_sum(items):
    total = 0
    sums = [total := total + v for v in items]
    return sums, total
print(running_sum([1, 2, 3, 4]))
last = None
_ = [last := c for c in "abc"]
print(last)
def find_first(pred, items):
    if any((hit := x) and pred(x) for x in items):
        return hit
    return None
print(find_first(lambda v: v > 5, [1, 7, 3]), find_first(lambda v: v > 50, [1, 7, 3]))
print([(w, n) for w in ["a", "bbb", "cc"] if (n := len(w)) > 1], n)
for src in ["[j := 0 for j in range(2)]", "[i for i in (j := [1, 2])]", "[x for x in range(2) if (x := 1)]", "[[k := 1 for _ in range(1)] for k in range(2)]", "class K:\n    items = [q := 1 for _ in range(2)]"]:
    try:
        compile(src, "<comp>", "exec")
        print(repr(src), "compiles")
    except SyntaxError as e:
        print(repr(src), "->", e.msg)
def nested():
    [[inner := i * j for j in range(3)] for i in range(3)]
    return inner
print(nested())
