# protopy.freeze is all or nothing: an object that cannot be frozen (a
# lock, a file, a generator, an iterator, a deque, an exception) anywhere in
# the graph makes it raise TypeError with nothing frozen. The walk stops at
# classes, functions and modules, which stay mutable; cycles and already
# frozen parts are fine. Blessed on CPython with the model in _freezeref.py.
try:
    import protopy
except ImportError:
    import _freezeref as protopy
import collections
import io
import sys
import threading


def gen():
    yield 1


class Box:
    def __init__(self, v):
        self.v = v
        self.log = []


started = gen()
next(started)
bad_values = [
    ("lock", threading.Lock()), ("rlock", threading.RLock()),
    ("stringio", io.StringIO("x")), ("bytesio", io.BytesIO(b"x")),
    ("file", open(__file__)), ("generator", gen()), ("started generator", started),
    ("list iterator", iter([1, 2])), ("dict iterator", iter({1: 2})),
    ("deque", collections.deque([1])), ("exception", ValueError("v")),
]
for label, bad in bad_values:
    inner = [1, 2]
    d = {"inner": inner, "box": Box(inner)}
    graph = [d, (inner, {"deep": [Box(bad)]}), {9}]
    try:
        protopy.freeze(graph)
        print(label, "frozen?!")
    except TypeError as e:
        print(label, "->", e)
    # Nothing was frozen: every part still takes writes.
    graph.append(3)
    d["new"] = 1
    inner.append(3)
    d["box"].v = 5
    d["box"].log.append("ok")
    graph[2].add(10)
    graph[1][1]["deep"].append(0)
    print("  still mutable:", [protopy.isfrozen(x) for x in (graph, d, inner, d["box"], graph[2])],
          len(graph), sorted(d), inner, d["box"].v)
bad_values[4][1].close()


# Classes, functions and modules stop the walk and stay as they are.
def f():
    return 1


holder = {"cls": Box, "fn": f, "mod": sys, "builtin": len, "method": Box(0).__init__}
print(protopy.freeze(holder) is holder, protopy.isfrozen(holder))
Box.added = 1
f.attr = 2
print(Box.added, f.attr, protopy.isfrozen(Box), protopy.isfrozen(f), protopy.isfrozen(sys))
for root in (sys, Box, f, len):
    try:
        protopy.freeze(root)
        print("froze", root)
    except TypeError as e:
        print(e)

# Cycles, shared parts and a second freeze.
a = [1]
b = {"a": a}
a.append(b)
a.append(a)
t = (a, b)
print(protopy.freeze(t) is t, protopy.isfrozen(a), protopy.isfrozen(b), protopy.isfrozen(t))
print(protopy.freeze(t) is t, protopy.freeze(a) is a)
again = [a, [5]]
protopy.freeze(again)
print(protopy.isfrozen(again), protopy.isfrozen(again[1]))

# Values immutable by type come back as they are.
for v in (1, "s", b"b", None, 2.5, (1, 2), frozenset({1})):
    print(repr(protopy.freeze(v)), protopy.isfrozen(v))

# A frozen part stays frozen, the rest of a refused graph stays mutable.
part = protopy.freeze([1, 2])
mixed = [part, [3], threading.Lock()]
try:
    protopy.freeze(mixed)
except TypeError as e:
    print(e, protopy.isfrozen(part), protopy.isfrozen(mixed[1]))
mixed[1].append(4)
print(mixed[1])

# Argument errors.
for args in [(), (1, 2)]:
    try:
        protopy.freeze(*args)
    except TypeError as e:
        print("TypeError", type(e).__name__)
