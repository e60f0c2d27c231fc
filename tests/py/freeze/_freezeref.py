"""A pure-Python model of ProtoPy's `protopy.freeze` and `protopy.isfrozen`,
for blessing these golden programs on CPython 3.11, which has no `protopy`
module.

CPython cannot make a list immutable, so the model keeps the ids of the
objects it froze and the programs route each mutation attempt through
`attempt(target, fn)`: under ProtoPy that just calls `fn()` (the runtime
refuses the write itself); under the model it raises the TypeError ProtoPy
raises when `target` is frozen, else calls `fn()`. `freeze` follows
ProtoPy's rules: it walks container items, instance dicts and `__slots__`
values; stops at classes, functions, methods and modules; refuses (with
nothing frozen) objects with native state: locks, files, generators,
iterators, deques, exceptions.
"""
import collections
import io
import threading
import types

_frozen = set()
_keep = []

LEAF = (int, float, complex, str, bytes, range, type(None), types.CodeType,
        type(Ellipsis), type(NotImplemented))
STOP = (type, types.FunctionType, types.BuiltinFunctionType, types.ModuleType,
        types.MethodType, types.BuiltinMethodType, property)
# OrderedDict is a dict in ProtoPy (its order is its table's, no native state).
CONTAINERS = (list, dict, set, frozenset, tuple, bytearray, slice, collections.OrderedDict)
# Native state no flag can guard (CPython 3.11 makes some of them heap types).
REFUSE = (type(threading.Lock()), type(threading.RLock()), io.IOBase, types.GeneratorType,
          collections.deque, BaseException)
SOLID_OK = (object, list, dict, set, frozenset, tuple, bytearray, int, float, str, bytes)


def _tname(o):
    t = type(o)
    return t.__qualname__ if t.__module__ == "builtins" else t.__module__ + "." + t.__qualname__


def _plain_instance(o):
    t = type(o)
    if not t.__flags__ & (1 << 9):  # Py_TPFLAGS_HEAPTYPE
        return t is object
    return all(c in SOLID_OK or c.__flags__ & (1 << 9) for c in t.__mro__)


def _role(o):
    if isinstance(o, STOP):
        return "stop"
    if type(o) in (str, bytes) or isinstance(o, LEAF) and not hasattr(o, "__dict__"):
        return "leaf"
    if isinstance(o, REFUSE) or hasattr(type(o), "__next__"):
        return "refuse"
    if type(o) in CONTAINERS or _plain_instance(o):
        return "freeze"
    return "refuse"


def _refs(o):
    out = []
    if isinstance(o, dict):
        for k, v in o.items():
            out += [k, v]
    elif isinstance(o, (list, tuple, set, frozenset)):
        out += list(o)
    elif isinstance(o, slice):
        out += [o.start, o.stop, o.step]
    d = getattr(o, "__dict__", None)
    if d is not None and not isinstance(o, type):
        out.append(d)
    for c in type(o).__mro__:
        for s in c.__dict__.get("__slots__", ()):
            if s not in ("__dict__", "__weakref__") and hasattr(o, s):
                out.append(getattr(o, s))
    return out


def freeze(obj):
    if id(obj) not in _frozen and _role(obj) == "stop":
        raise TypeError("cannot freeze '%s' object" % _tname(obj))
    seen, order, stack = set(), [], [obj]
    while stack:
        o = stack.pop()
        if id(o) in _frozen or id(o) in seen:
            continue
        seen.add(id(o))
        r = _role(o)
        if r in ("leaf", "stop"):
            continue
        if r == "refuse":
            raise TypeError("cannot freeze '%s' object" % _tname(o))
        if hasattr(o, "__dict__") and not isinstance(o, type):
            o.__dict__  # made if absent, frozen with the object
            stack.append(o.__dict__)
        stack += _refs(o)
        order.append(o)
    for o in order:
        _frozen.add(id(o))
        _keep.append(o)
    return obj


def isfrozen(obj):
    stack, seen = [obj], set()
    while stack:
        o = stack.pop()
        if id(o) in seen:
            continue
        seen.add(id(o))
        r = _role(o)
        if r == "stop":
            return False
        if id(o) in _frozen or r == "leaf":
            continue
        if type(o) in (tuple, frozenset, slice):
            stack += _refs(o)
            continue
        return False
    return True


def attempt(target, fn):
    if id(target) in _frozen:
        raise TypeError("cannot modify frozen %s" % type(target).__name__)
    return fn()
