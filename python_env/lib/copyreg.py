"""ProtoPy's copyreg: the per-type reducer registry that pickle and copy
consult, the reconstructor functions that default reduce values name, and
the default reduce values of object.__reduce_ex__ (protocols 0 and 1 in
_reduce_ex; 2 and later in _reduce_newobj, which CPython computes in C).
"""

__all__ = ["pickle", "constructor",
           "add_extension", "remove_extension", "clear_extension_cache"]

# type -> function(obj) returning a reduce value
dispatch_table = {}

# Set in __flags__ for classes made by a class statement (Py_TPFLAGS_HEAPTYPE).
_HEAPTYPE = 1 << 9


def constructor(object):
    if callable(object):
        return
    raise TypeError("constructors must be callable")


def pickle(ob_type, pickle_function, constructor_ob=None):
    if not callable(pickle_function):
        raise TypeError("reduction functions must be callable")
    dispatch_table[ob_type] = pickle_function
    if constructor_ob is not None:
        constructor(constructor_ob)


def pickle_complex(c):
    return complex, (c.real, c.imag)


def pickle_union(obj):
    import functools
    import operator
    return functools.reduce, (operator.or_, obj.__args__)


pickle(complex, pickle_complex, complex)
pickle(type(int | str), pickle_union)


def _new_type(cls):
    # The first class on cls's MRO that no class statement made: the
    # builtin type whose constructor holds an instance's value.
    for klass in cls.__mro__:
        if klass.__flags__ & _HEAPTYPE == 0:
            return klass
    return object


def _reconstructor(cls, base, state):
    if base is object:
        return object.__new__(cls)
    made = base.__new__(cls, state)
    if base.__init__ != object.__init__:
        base.__init__(made, state)
    return made


def _reduce_ex(self, proto):
    # object.__reduce_ex__ below protocol 2.
    assert proto < 2
    cls = self.__class__
    base = _new_type(cls)
    if base is object:
        value = None
    elif base is cls:
        raise TypeError(f"cannot pickle {cls.__name__!r} object")
    else:
        value = base(self)
    has_slots = bool(getattr(self, "__slots__", None))
    getstate = getattr(self, "__getstate__", None)
    if getstate is None:
        if has_slots:
            raise TypeError(f"cannot pickle {cls.__name__!r} object: a class "
                            f"that defines __slots__ without defining "
                            f"__getstate__ cannot be pickled with protocol "
                            f"{proto}")
        state = getattr(self, "__dict__", None)
    elif type(self).__getstate__ is object.__getstate__ and has_slots:
        raise TypeError("a class that defines __slots__ without defining "
                        "__getstate__ cannot be pickled")
    else:
        state = getstate()
    reduced = (_reconstructor, (cls, base, value))
    return reduced + (state,) if state else reduced


def __newobj__(cls, *args):
    return cls.__new__(cls, *args)


def __newobj_ex__(cls, args, kwargs):
    return cls.__new__(cls, *args, **kwargs)


def _checked_tuple(value, what):
    if isinstance(value, tuple):
        return value
    raise TypeError(f"{what} should return a tuple, not "
                    f"'{type(value).__name__}'")


def _new_arguments(obj):
    # (args, kwargs) for cls.__new__, from __getnewargs_ex__ or
    # __getnewargs__; (None, None) when the class has neither.
    cls = type(obj)
    getnewargs_ex = getattr(cls, "__getnewargs_ex__", None)
    if getnewargs_ex is not None:
        pair = _checked_tuple(getnewargs_ex(obj), "__getnewargs_ex__")
        if len(pair) != 2:
            raise ValueError("__getnewargs_ex__ should return a tuple of "
                             f"length 2, not {len(pair)}")
        for item, kind, n in ((pair[0], tuple, "first"), (pair[1], dict, "second")):
            if not isinstance(item, kind):
                raise TypeError(f"{n} item of the tuple returned by "
                                f"__getnewargs_ex__ must be a "
                                f"{kind.__name__}, not '{type(item).__name__}'")
        return pair
    getnewargs = getattr(cls, "__getnewargs__", None)
    if getnewargs is None:
        return None, None
    return _checked_tuple(getnewargs(obj), "__getnewargs__"), None


def _reduce_newobj(obj, proto):
    # object.__reduce_ex__ from protocol 2 on: (reconstructor, arguments,
    # state, list items, dict items).
    cls = type(obj)
    if getattr(cls, "__new__", None) is None:
        raise TypeError(f"cannot pickle {cls.__name__!r} object")
    args, kwargs = _new_arguments(obj)
    is_list = isinstance(obj, list)
    is_dict = isinstance(obj, dict)
    if args is None and not (is_list or is_dict) and _new_type(cls) is not object:
        # A builtin type's value with no arguments to rebuild it from.
        raise TypeError(f"cannot pickle {cls.__name__!r} object")
    if kwargs:
        reconstructor, arguments = __newobj_ex__, (cls, args, kwargs)
    else:
        reconstructor, arguments = __newobj__, (cls,) + (args or ())
    return (reconstructor, arguments, obj.__getstate__(),
            iter(obj) if is_list else None,
            iter(obj.items()) if is_dict else None)


def _slotnames(cls):
    # The __slots__ member names of cls and its bases (private names
    # mangled), cached as cls.__slotnames__ when the class allows it.
    cached = cls.__dict__.get("__slotnames__")
    if cached is not None:
        return cached
    names = []
    if hasattr(cls, "__slots__"):
        for klass in cls.__mro__:
            declared = klass.__dict__.get("__slots__")
            if declared is None:
                continue
            for name in (declared,) if isinstance(declared, str) else declared:
                if name in ("__dict__", "__weakref__"):
                    continue
                owner = klass.__name__.lstrip("_")
                if name.startswith("__") and not name.endswith("__") and owner:
                    name = f"_{owner}{name}"
                names.append(name)
    try:
        cls.__slotnames__ = names
    except Exception:
        pass
    return names


# Extension codes of pickle protocol 2: (module, name) <-> code.
_extension_registry = {}
_inverted_registry = {}
_extension_cache = {}


def add_extension(module, name, code):
    code = int(code)
    if code < 1 or code > 0x7fffffff:
        raise ValueError("code out of range")
    key = (module, name)
    registered = _extension_registry.get(key)
    owner = _inverted_registry.get(code)
    if registered == code and owner == key:
        return
    if registered is not None:
        raise ValueError(f"key {key} is already registered with code {registered}")
    if owner is not None:
        raise ValueError(f"code {code} is already in use for key {owner}")
    _extension_registry[key] = code
    _inverted_registry[code] = key


def remove_extension(module, name, code):
    key = (module, name)
    if _extension_registry.get(key) != code or _inverted_registry.get(code) != key:
        raise ValueError(f"key {key} is not registered with code {code}")
    del _extension_registry[key]
    del _inverted_registry[code]
    _extension_cache.pop(code, None)


def clear_extension_cache():
    _extension_cache.clear()
