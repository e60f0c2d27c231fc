"""Shallow (copy) and deep (deepcopy) copies, as CPython 3.11's copy module.

Atomic values (numbers, strings, bytes, types, functions, ranges, None...)
are returned as they are; lists, dicts, sets and bytearrays are copied
directly; other objects go through __copy__/__deepcopy__, then a
__reduce_ex__/__reduce__ defined by their class, then the default object
protocol (a new instance from cls.__new__ without __init__, its state taken
from __getstate__ or its __dict__ and __slots__ and restored with
__setstate__ or attribute assignment).
"""


class Error(Exception):
    pass


error = Error

__all__ = ["Error", "copy", "deepcopy"]


def _f():
    pass


_atomic = frozenset([
    type(None), type(Ellipsis), type(NotImplemented), int, float, bool, complex,
    str, bytes, type, range, property, type(_f), type(len), type(_f.__code__),
])
_seq_bases = (int, float, complex, str, bytes, tuple, frozenset)


def copy(x):
    """Shallow copy of x."""
    cls = type(x)
    if cls in _atomic or cls is tuple or cls is frozenset:
        return x
    if cls is list or cls is bytearray:
        return x[:]
    if cls is dict or cls is set:
        return x.copy()
    if issubclass(cls, type):
        return x
    f = getattr(cls, "__copy__", None)
    if f is not None:
        return f(x)
    rv = _class_reduce(x)
    if rv is None:
        rv = _default_reduce(x)
    if isinstance(rv, str):
        return x
    return _reconstruct(x, None, *rv)


def deepcopy(x, memo=None, _nil=[]):
    """Deep copy of x; memo maps id(original) to its copy (shared and cyclic
    references are copied once)."""
    if memo is None:
        memo = {}
    d = id(x)
    y = memo.get(d, _nil)
    if y is not _nil:
        return y
    cls = type(x)
    if cls in _atomic or issubclass(cls, type):
        y = x
    elif cls is list:
        y = []
        memo[d] = y
        for a in x:
            y.append(deepcopy(a, memo))
    elif cls is dict:
        y = {}
        memo[d] = y
        for k, v in x.items():
            y[deepcopy(k, memo)] = deepcopy(v, memo)
    elif cls is tuple:
        items = [deepcopy(a, memo) for a in x]
        # A tuple reached again through its own items was copied meanwhile.
        if d in memo:
            return memo[d]
        y = x if all(a is b for a, b in zip(items, x)) else tuple(items)
    elif cls is set or cls is frozenset:
        items = [deepcopy(a, memo) for a in x]
        y = cls(items)
    elif cls is bytearray:
        y = x[:]
    else:
        f = getattr(x, "__deepcopy__", None)
        if f is not None:
            y = f(memo)
        else:
            rv = _class_reduce(x)
            if rv is None:
                rv = _default_reduce(x)
            if isinstance(rv, str):
                y = x
            else:
                y = _reconstruct(x, memo, *rv)
    if y is not x:
        memo[d] = y
        _keep_alive(x, memo)
    return y


def _keep_alive(x, memo):
    # The originals stay alive while memo lives, so their ids stay unique.
    try:
        memo[id(memo)].append(x)
    except KeyError:
        memo[id(memo)] = [x]


def _class_reduce(x):
    """x.__reduce_ex__(4) / x.__reduce__() when the class defines its own."""
    cls = type(x)
    for name in ("__reduce_ex__", "__reduce__"):
        f = getattr(cls, name, None)
        if f is not None and f is not getattr(object, name, None):
            rv = f(x, 4) if name == "__reduce_ex__" else f(x)
            if not isinstance(rv, (tuple, str)):
                raise Error("%s must return a string or tuple" % name)
            return rv
    return None


def _slot_names(cls):
    names = []
    for c in cls.__mro__:
        slots = c.__dict__.get("__slots__", ())
        if isinstance(slots, str):
            slots = (slots,)
        for s in slots:
            if s in ("__dict__", "__weakref__"):
                continue
            if s.startswith("__") and not s.endswith("__"):
                s = "_%s%s" % (c.__name__.lstrip("_"), s)
            names.append(s)
    return names


def _default_state(x):
    cls = type(x)
    f = getattr(cls, "__getstate__", None)
    if f is not None and f is not getattr(object, "__getstate__", None):
        return x.__getstate__()
    d = getattr(x, "__dict__", None)
    state = dict(d) if d else None
    slots = {}
    for name in _slot_names(cls):
        try:
            slots[name] = getattr(x, name)
        except AttributeError:
            pass
    if slots:
        return (state, slots)
    return state


def _new(cls, *args):
    return cls.__new__(cls, *args)


def _default_reduce(x):
    """The object protocol's reduce value: (constructor, args, state, list
    items, dict items)."""
    cls = type(x)
    getnewargs = getattr(x, "__getnewargs__", None)
    # A builtin base's own __getnewargs__ is replaced by the base conversion
    # below; one defined by a subclass (e.g. a tuple subclass whose __new__
    # takes the fields) is honoured, as by object.__reduce_ex__.
    own = getnewargs is not None and not any(
        getattr(cls, "__getnewargs__", None) is getattr(b, "__getnewargs__", None)
        for b in _seq_bases if isinstance(x, b))
    if own:
        args = tuple(getnewargs())
    elif isinstance(x, (set, frozenset)):
        return (cls, (list(x),), _default_state(x), None, None)
    elif isinstance(x, _seq_bases):
        base = next(b for b in cls.__mro__ if b in _seq_bases)
        args = (base(x),)
    else:
        args = ()
    listitems = iter(x) if isinstance(x, list) else None
    dictitems = iter(x.items()) if isinstance(x, dict) else None
    return (_new, (cls,) + args, _default_state(x), listitems, dictitems)


def _reconstruct(x, memo, func, args, state=None, listiter=None, dictiter=None, *rest):
    deep = memo is not None
    if deep and args:
        args = deepcopy(args, memo)
    y = func(*args)
    if deep:
        memo[id(x)] = y
    if state is not None:
        if deep:
            state = deepcopy(state, memo)
        setstate = getattr(y, "__setstate__", None)
        if setstate is not None and getattr(type(y), "__setstate__", None) is not getattr(object, "__setstate__", None):
            setstate(state)
        else:
            slotstate = None
            if isinstance(state, tuple) and len(state) == 2:
                state, slotstate = state
            if state:
                y.__dict__.update(state)
            if slotstate:
                for k, v in slotstate.items():
                    setattr(y, k, v)
    if listiter is not None:
        for item in listiter:
            y.append(deepcopy(item, memo) if deep else item)
    if dictiter is not None:
        for k, v in dictiter:
            if deep:
                k, v = deepcopy(k, memo), deepcopy(v, memo)
            y[k] = v
    return y
