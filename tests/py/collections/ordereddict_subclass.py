# Subclasses of OrderedDict: which of their methods the native class calls
# (update, __init__, |, setdefault, copy and repr go through them; pop,
# popitem and move_to_end do not), __slots__ subclasses, and an LRU cache
# built on move_to_end and popitem(last=False).
from collections import OrderedDict
import copy, pickle

log = []
class Logged(OrderedDict):
    def __getitem__(self, k):
        log.append(("get", k)); return super().__getitem__(k)
    def __setitem__(self, k, v):
        log.append(("set", k)); super().__setitem__(k, v)
    def __delitem__(self, k):
        log.append(("del", k)); super().__delitem__(k)
    def __contains__(self, k):
        log.append(("in", k)); return super().__contains__(k)
    def keys(self):
        log.append(("keys",)); return super().keys()
    def items(self):
        log.append(("items",)); return super().items()

def step(label, f):
    log.clear()
    r = f()
    print(label, r if not isinstance(r, OrderedDict) else list(r.items()), log)

s = Logged([(1, "one")], a="A")
step("init", lambda: list(s))
step("update dict", lambda: s.update({5: 6}))
step("update pairs", lambda: s.update([(7, 8)]))
step("update mapping", lambda: s.update(OrderedDict(x=1)))
step("setdefault new", lambda: s.setdefault(9, 1))
step("setdefault old", lambda: s.setdefault(1))
step("pop", lambda: s.pop(9))
step("popitem", lambda: s.popitem())
step("popitem first", lambda: s.popitem(last=False))
step("move", lambda: s.move_to_end("a", last=False))
step("copy", lambda: s.copy())
step("repr", lambda: repr(s))
step("or", lambda: s | {1: 1})
step("ror", lambda: {0: 0} | s)
step("ior", lambda: s.__ior__({3: 3}))
step("fromkeys", lambda: Logged.fromkeys([1, 2]))
step("reduce", lambda: s.__reduce__()[:4])
print(type(s.copy()).__name__, type(s | {}).__name__, type({} | s).__name__)

class Slotted(OrderedDict):
    __slots__ = ("x", "y")
sl = Slotted([("k", 1)])
sl.x = [1]
sl.z = "dict attribute"
print(sl.__getstate__(), sl.__reduce__()[2])
for dup in (copy.copy(sl), copy.deepcopy(sl), pickle.loads(pickle.dumps(sl))):
    print(type(dup).__name__, list(dup.items()), dup.x, dup.z, hasattr(dup, "y"))

class LRU(OrderedDict):
    def __init__(self, size):
        super().__init__()
        self.size = size
    def __getitem__(self, key):
        value = super().__getitem__(key)
        self.move_to_end(key)
        return value
    def __setitem__(self, key, value):
        if key not in self and len(self) >= self.size:
            self.popitem(last=False)
        super().__setitem__(key, value)
        self.move_to_end(key)

cache = LRU(3)
for k in "abcadbeafc":
    if k in cache:
        cache[k]
    else:
        cache[k] = k.upper()
    print(k, "".join(cache))

# Front moves and pops of a __slots__ subclass leave its slot values alone.
s = Slotted((i, i) for i in range(10))
s.x, s.y = "X", "Y"
popped = []
for i in range(10):
    s.move_to_end(9 - i, last=False)
    popped.append(s.popitem(last=False)[0])
    s[100 + i] = i
print(popped, s.x, s.y, list(s))
