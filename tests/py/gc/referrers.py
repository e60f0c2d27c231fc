# gc.get_referrers and gc.get_objects: the objects that refer to a value,
# found as trace.py's --listfuncs finds a method's class (code -> function
# -> class dict -> class), and the argument checks.
import gc


class Shape:
    def area(self):
        return 0


def free_function():
    pass


def kinds(objs):
    return sorted(type(o).__name__ for o in objs)


code = Shape.area.__code__
funcs = [f for f in gc.get_referrers(code) if type(f).__name__ == "function"]
print("functions of the code:", [f.__name__ for f in funcs])
dicts = [d for d in gc.get_referrers(funcs[0]) if isinstance(d, dict)]
print("dicts holding it:", len(dicts))
classes = [c for c in gc.get_referrers(dicts[0]) if hasattr(c, "__bases__")]
print("class:", [c.__name__ for c in classes])

# A module-level function is held by the module's dict only.
holders = [d for d in gc.get_referrers(free_function) if isinstance(d, dict)]
print("module dict holds it:", any(d is globals() for d in holders))

# Containers and instances.
target = ["payload"]
box = [target]
pair = (target, 1)
mapping = {"k": target}


class Holder:
    def __init__(self, v):
        self.v = v


h = Holder(target)
refs = gc.get_referrers(target)
print("list:", any(r is box for r in refs))
print("tuple:", any(r is pair for r in refs))
print("dict:", any(r is mapping for r in refs))
# CPython 3.11 finds the instance (its values are inline) or its dict.
print("instance:", any(r is h or r is h.__dict__ for r in refs))


def local_holder():
    mine = ["local"]
    return [type(r).__name__ for r in gc.get_referrers(mine)]


print("a local is held by its frame:", local_holder())

# Several targets at once; none.
a, b = ["a"], ["b"]
both = [[a], [b]]
print("two targets:", len([r for r in gc.get_referrers(a, b) if r in both]))
print("no targets:", gc.get_referrers())
try:
    gc.get_referrers(a, key=1)
except TypeError as e:
    print("TypeError:", e)

# get_objects: tracked objects only, generations checked.
objs = gc.get_objects()
print("box in objects:", any(o is box for o in objs))
print("ints tracked:", any(type(o) is int for o in objs))
print("generation -1 is all:", any(o is box for o in gc.get_objects(-1)))
print("a generation's objects:", type(gc.get_objects(0)).__name__)
for g in (3, -2, "x"):
    try:
        gc.get_objects(g)
    except (ValueError, TypeError) as e:
        print(type(e).__name__, e)
