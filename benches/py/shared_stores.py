# Per-operation cost of changing a shared object from the one thread that
# runs: module-level objects are shared (a module's globals are), the
# function-local ones are not. Solo mode (proto_core/src/solo.rs) takes the
# shared ones' locks without atomic read-modify-writes.
# Usage: shared_stores.py [N]   (default 2,000,000 operations per line);
# prints nanoseconds per operation, one line per case.
import sys
import time

SHARED_DICT = {}
SHARED_LIST = []
X = 0


class Box:
    pass


SHARED_BOX = Box()
SHARED_BOX.a = 0


def attr_store(o, n):
    for i in range(n):
        o.a = i


def dict_store(d, n):
    for i in range(n):
        d[i & 1023] = i


def list_append(lst, n):
    for i in range(n):
        lst.append(i)
    lst.clear()


def global_store(n):
    global X
    for i in range(n):
        X = i


def main():
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 2_000_000
    local_box = Box()
    local_box.a = 0
    cases = (
        ("attribute store, local instance", attr_store, (local_box,)),
        ("attribute store, shared instance", attr_store, (SHARED_BOX,)),
        ("d[k] = v, local dict", dict_store, ({},)),
        ("d[k] = v, shared dict", dict_store, (SHARED_DICT,)),
        ("l.append(i), local list", list_append, ([],)),
        ("l.append(i), shared list", list_append, (SHARED_LIST,)),
        ("global variable store", global_store, ()),
    )
    for name, fn, args in cases:
        t0 = time.perf_counter()
        fn(*args, n)
        print("%-34s %6.1f ns" % (name, (time.perf_counter() - t0) / n * 1e9))


main()
