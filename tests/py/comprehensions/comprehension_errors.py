# errors raised inside comprehensions propagate normally
def check(label, f):
    try:
        print(label, f())
    except Exception as e:
        print(label, "->", type(e).__name__, e)
check("zero div", lambda: [1 / x for x in [1, 0, 2]])
check("bad iterable", lambda: [x for x in 5])
check("inner bad iterable", lambda: [y for x in [1] for y in x])
check("key error", lambda: {k: {"a": 1}[k] for k in "ab"})
check("unpack", lambda: [a + b for a, b in [(1, 2), (3,)]])
check("name error", lambda: [undefined for _ in range(1)])
check("type in cond", lambda: [x for x in [1, "a"] if x > 0])
check("gen in sum", lambda: sum(int(s) for s in ["1", "two"]))
check("set unhashable", lambda: {x for x in [[1]]})
partial = []
try:
    partial = [10 // x for x in [5, 2, 0, 1]]
except ZeroDivisionError:
    pass
print("partial result not assigned:", partial)
gen = (1 // x for x in [1, 0, 1])
print(next(gen))
try:
    next(gen)
except ZeroDivisionError as e:
    print(type(e).__name__, e)
print(list(gen))
