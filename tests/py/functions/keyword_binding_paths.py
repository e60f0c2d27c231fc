# Keyword calls bound straight into the frame and the general way: defaults,
# keyword-only defaults, positional-only names, replaced __defaults__ and
# __kwdefaults__, non-interned keyword names, and each binding error.
def f(a, b=1, *, c=2): return (a, b, c)
def g(a, /, b, c=5, *, d, e=7): return (a, b, c, d, e)
def h(a, b): return (a, b)
def run(fn, *a, **k):
    try: print(fn(*a, **k))
    except TypeError as e: print("TypeError:", e)
for i in range(3):
    run(f, 1, c=3); run(f, 1, b=4); run(f, a=9); run(f, c=1, a=2, b=3)
    run(f, 1, a=2); run(f, b=2); run(f, 1, z=2); run(f, 1, 2, 3)
    run(g, 1, b=2, d=3); run(g, 1, 2, d=3, e=4); run(g, a=1, b=2, d=3); run(g, 1, b=2)
    run(g, 1, 2, 3, d=4, c=5)
    run(h, 1, b=2); run(h, b=1, a=2); run(h, a=1)
h.__defaults__ = (10, 20, 30)
run(h, a=1); run(h); run(h, b=3)
g.__kwdefaults__ = {'d': 11}
run(g, 1, b=2); run(g, 1, 2, e=0)
g.__kwdefaults__ = None
run(g, 1, b=2)
f.__defaults__ = None
run(f, 1, c=3)
key = "".join(["c"])
run(f, 1, 2, **{key: 8})
def k(self, x=0, *, y=1): return (self, x, y)
class C:
    m = k
print(C().m(x=3)[1:], C().m(y=4)[1:])
