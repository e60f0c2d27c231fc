# Special methods held in __slots__ members: the operation binds the member
# descriptor to the instance and calls what the slot holds.
class Facade:
    __slots__ = "__setitem__", "__getitem__", "__delitem__", "__len__"

    def __init__(self, backing):
        self.__setitem__ = backing.__setitem__
        self.__getitem__ = backing.__getitem__
        self.__delitem__ = backing.__delitem__
        self.__len__ = backing.__len__


store = {}
f = Facade(store)
f["x"] = 1
f["y"] = 2
del f["x"]
print(f["y"], len(f), store)

# An empty slot raises AttributeError naming the slot, as the lookup does.
empty = Facade.__new__(Facade)
for op in (lambda: empty.__setitem__, lambda: empty.__getitem__):
    try:
        op()
    except AttributeError as e:
        print("AttributeError", e)
try:
    empty["k"] = 1
except AttributeError as e:
    print("setitem:", type(e).__name__, e)
try:
    len(empty)
except AttributeError as e:
    print("len:", type(e).__name__, e)


class Calls:
    __slots__ = ("__call__",)


c = Calls()
c.__call__ = lambda *a: ("called", a)
print(c(1, 2))
