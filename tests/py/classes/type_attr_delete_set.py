# Deleting and setting type attributes: builtin types refuse everything,
# classes refuse deleting their special attributes, as CPython's type_setattro.
class C: pass
for attr in ("__name__", "__qualname__", "__bases__", "__module__", "__doc__", "__abstractmethods__", "__annotations__", "__dict__", "__mro__", "__class__"):
    for target in (C, int):
        try:
            delattr(target, attr)
            print(attr, target.__name__, "deleted")
        except Exception as e:
            print(attr, type(e).__name__, e)
for attr, v in (("__name__", 5), ("__qualname__", None), ("__bases__", ()), ("__bases__", (int,)), ("__module__", 3), ("__doc__", "d"), ("__abstractmethods__", ["x"]), ("__annotations__", 1)):
    try:
        setattr(C, attr, v)
        print(attr, "set", getattr(C, attr))
    except Exception as e:
        print(attr, type(e).__name__, e)
try:
    C()
except TypeError as e:
    print(e)
