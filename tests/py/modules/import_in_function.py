# Import statements bind names in the current scope.
import sys

def f():
    import _helper
    from _helper import CONSTANT as K
    return sorted(n for n in locals())
print(f())
print("_helper" in globals(), "_helper" in sys.modules)

def g():
    import _pkg.sub
    return _pkg.__name__, "sub" in dir(_pkg)
print(g())
print("_pkg" in globals())

class C:
    import _counter
    from _helper import greet
print(C._counter.loads, C.greet("class body")[:5])

def conditional(flag):
    if flag:
        import _helper as chosen
    else:
        import _counter as chosen
    return chosen.__name__
print(conditional(True), conditional(False))

def unbound_import():
    try:
        print(_star_all)
    except UnboundLocalError as e:
        print("UnboundLocalError:", e)
    import _star_all
    return _star_all.public_a
print(unbound_import())

for name in ["_helper", "_counter"]:
    mod = __import__(name)
    print(name, mod.__name__)

top = __import__("_pkg.sub")
print(top.__name__)
leaf = __import__("_pkg.sub", fromlist=["func"])
print(leaf.__name__)
print(__import__("_pkg", fromlist=["sibling"]).sibling.SIB)
