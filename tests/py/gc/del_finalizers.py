# __del__ runs once for an unreachable instance (PEP 442): cycles, resurrection,
# weak references cleared before it runs, subclasses, __del__ added later
import gc
import weakref

log = []

class Node:
    def __init__(self, name):
        self.name = name
        self.me = self          # a cycle: only the collector frees it
    def __del__(self):
        log.append(self.name)

def make(name):
    n = Node(name)
    return weakref.ref(n)

w = make("a")
gc.collect()
print(log, w())

# a chain of cycles, all finalized by one collection
def chain():
    nodes = [Node(f"c{i}") for i in range(5)]
    for x, y in zip(nodes, nodes[1:]):
        x.next = y
    nodes[-1].next = nodes[0]
chain()
log.clear()
gc.collect()
print(sorted(log))

# resurrection: __del__ stores self; it is not called a second time
survivors = []
class Phoenix:
    def __init__(self):
        self.me = self
    def __del__(self):
        log.append("phoenix")
        survivors.append(self)

def make_phoenix():
    p = Phoenix()
    return weakref.ref(p)
log.clear()
w = make_phoenix()
gc.collect()
print(log, w(), len(survivors))
survivors.clear()
gc.collect()
print(log)

# a subclass inherits __del__; __del__ added to a class later counts too
class Child(Node):
    pass
def make_child():
    Child("child")
log.clear()
make_child()
gc.collect()
print(log)

class Late:
    def __init__(self):
        self.me = self
def late_del(self):
    log.append("late")
Late.__del__ = late_del
def make_late():
    Late()
log.clear()
make_late()
gc.collect()
print(log)

