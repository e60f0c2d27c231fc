# __del__ of subclasses of builtin container types runs once the instance is
# unreachable: arrays, deques, bytearrays, lists and dicts, including an array
# whose only reference was an exhausted iterator.
import array
import collections
import gc

log = []


def make(base, *args):
    class Sub(base):
        def __del__(self):
            log.append(base.__name__)

    return Sub(*args)


for base, args in ((array.array, ("d", [1.0, 2.0])), (array.array, ("u",)),
                   (collections.deque, ([1, 2],)), (bytearray, (b"xy",)),
                   (list, ([3],)), (dict, ({"k": 1},))):
    obj = make(base, *args)
    del obj
    gc.collect()
    print(base.__name__, log)
    log.clear()

# The iterator drops the array when it is exhausted.
it = iter(make(array.array, "i", [5, 6]))
print(list(it))
gc.collect()
print("after exhausting", log)
log.clear()

# An array kept alive by a live iterator is not finalized.
it = iter(make(array.array, "b", [1, 2, 3]))
print(next(it))
gc.collect()
print("while iterating", log)
del it
gc.collect()
print("iterator dropped", log)
