# __module__ of builtin functions: the module that defines them (builtins,
# native modules, _io named io), None for methods and bound methods; what
# pickle and inspect read from it.
import math, operator, time, gc, _io, io, itertools, pickle, inspect, sys, _struct

for f in (len, print, open, abs, math.sqrt, math.floor, operator.add, time.time,
          time.monotonic, gc.collect, _io.open, _struct.pack, sys.getrecursionlimit):
    print(f.__name__, f.__module__)
for m in ([].append, (1).bit_length, "".upper):
    print(type(m).__name__, getattr(m, "__module__", "no attribute"))
print(pickle.loads(pickle.dumps(len)) is len, pickle.loads(pickle.dumps(operator.add)) is operator.add)
print(pickle.dumps(time.time, 0))
print(inspect.getmodule(math.sqrt).__name__, inspect.getmodule(len).__name__)
print(time.time.__self__ is time)
