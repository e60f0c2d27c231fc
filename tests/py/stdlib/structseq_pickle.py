# Struct sequences pickle and copy under every protocol, as CPython's
# structseq_reduce makes them: (type, (tuple(self), {})); one whose class
# cannot be reached by its name (sys.flags) is refused by the pickler.
import copy
import os
import pickle
import sys
import time

values = [os.statvfs("."), os.times(), os.uname(), os.terminal_size((80, 24)),
          os.stat("."), time.localtime(), time.gmtime(0)]
for v in values:
    ok = []
    for proto in range(pickle.HIGHEST_PROTOCOL + 1):
        u = pickle.loads(pickle.dumps(v, proto))
        ok.append(type(u) is type(v) and tuple(u) == tuple(v))
    print(type(v).__name__, all(ok), copy.copy(v) == v, copy.deepcopy(v) == v)

r = os.uname().__reduce__()
print(r[0].__name__, type(r[1][0]).__name__, r[1][1])
print(os.terminal_size.__reduce__(os.terminal_size((3, 4))))
try:
    pickle.dumps(sys.flags)
except pickle.PicklingError as e:
    print("PicklingError:", e)
try:
    os.terminal_size.__reduce__((1, 2))
except TypeError as e:
    print("TypeError")
