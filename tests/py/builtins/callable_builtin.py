# callable() on different objects
class WithCall:
    def __call__(self, x):
        return x * 2
class Without:
    pass
def f():
    pass
items = [("function", f), ("lambda", lambda: 0), ("builtin", len), ("class", Without), ("instance", Without()), ("callable instance", WithCall()),
         ("method", "abc".upper), ("unbound", str.upper), ("int", 5), ("str", "s"), ("None", None), ("type", type), ("list", []), ("staticmethod", staticmethod(f))]
for name, obj in items:
    print(name, callable(obj))
print(WithCall()(21))
w = Without()
w.__call__ = lambda: "instance attr"
print(callable(w))
try:
    w()
except TypeError as e:
    print(type(e).__name__, e)
for obj in [5, "s", None, [1]]:
    try:
        obj()
    except TypeError as e:
        print(type(e).__name__, e)
