"""The pickle support registry and the helpers of object.__reduce__ and
object.__reduce_ex__, as CPython 3.11's copyreg module: reduction
functions registered per type, the reconstructors that default reduce
values name, and the default reduce values themselves (protocols 0 and 1
through _reduce_ex, 2 and later through _reduce_newobj).
"""

__all__ = ["pickle", "constructor",
           "add_extension", "remove_extension", "clear_extension_cache"]

dispatch_table = {}


def pickle(ob_type, pickle_function, constructor_ob=None):
    """Registers pickle_function(obj) as the reducer of ob_type's objects."""
    if not callable(pickle_function):
        raise TypeError("reduction functions must be callable")
    dispatch_table[ob_type] = pickle_function
    if constructor_ob is not None:
        constructor(constructor_ob)


def constructor(object):
    if not callable(object):
        raise TypeError("constructors must be callable")


def _pickle_complex(c):
    return complex, (c.real, c.imag)


pickle(complex, _pickle_complex, complex)

_HEAPTYPE = 1 << 9


def _reconstructor(cls, base, state):
    """Rebuilds an object reduced by _reduce_ex: a cls instance made by
    base's constructor from state (object: no state)."""
    if base is object:
        return object.__new__(cls)
    obj = base.__new__(cls, state)
    if base.__init__ != object.__init__:
        base.__init__(obj, state)
    return obj


def _builtin_base(cls):
    """The first class of cls's MRO that is not a class statement's (a
    builtin type)."""
    for base in cls.__mro__:
        if not base.__flags__ & _HEAPTYPE:
            return base
    return object


def _reduce_ex(self, proto):
    """object.__reduce_ex__ for protocols 0 and 1."""
    assert proto < 2
    cls = self.__class__
    base = _builtin_base(cls)
    if base is object:
        state = None
    else:
        if base is cls:
            raise TypeError(f"cannot pickle {cls.__name__!r} object")
        state = base(self)
    args = (cls, base, state)
    try:
        getstate = self.__getstate__
    except AttributeError:
        if getattr(self, "__slots__", None):
            raise TypeError(f"cannot pickle {cls.__name__!r} object: "
                            f"a class that defines __slots__ without "
                            f"defining __getstate__ cannot be pickled "
                            f"with protocol {proto}") from None
        try:
            dict = self.__dict__
        except AttributeError:
            dict = None
    else:
        if (type(self).__getstate__ is object.__getstate__ and
                getattr(self, "__slots__", None)):
            raise TypeError("a class that defines __slots__ without "
                            "defining __getstate__ cannot be pickled")
        dict = getstate()
    if dict:
        return _reconstructor, args, dict
    return _reconstructor, args


def __newobj__(cls, *args):
    return cls.__new__(cls, *args)


def __newobj_ex__(cls, args, kwargs):
    """The protocol 4 reconstructor: cls.__new__ with keyword arguments."""
    return cls.__new__(cls, *args, **kwargs)


def _new_arguments(obj):
    """(args, kwargs) for cls.__new__ from __getnewargs_ex__ or
    __getnewargs__, with CPython's checks; (None, None) without either."""
    cls = type(obj)
    f = getattr(cls, "__getnewargs_ex__", None)
    if f is not None:
        r = f(obj)
        if not isinstance(r, tuple):
            raise TypeError("__getnewargs_ex__ should return a tuple, "
                            f"not '{type(r).__name__}'")
        if len(r) != 2:
            raise ValueError("__getnewargs_ex__ should return a tuple of "
                             f"length 2, not {len(r)}")
        args, kwargs = r
        if not isinstance(args, tuple):
            raise TypeError("first item of the tuple returned by "
                            "__getnewargs_ex__ must be a tuple, "
                            f"not '{type(args).__name__}'")
        if not isinstance(kwargs, dict):
            raise TypeError("second item of the tuple returned by "
                            "__getnewargs_ex__ must be a dict, "
                            f"not '{type(kwargs).__name__}'")
        return args, kwargs
    f = getattr(cls, "__getnewargs__", None)
    if f is not None:
        args = f(obj)
        if not isinstance(args, tuple):
            raise TypeError("__getnewargs__ should return a tuple, "
                            f"not '{type(args).__name__}'")
        return args, None
    return None, None


def _reduce_newobj(obj, proto):
    """object.__reduce_ex__ for protocols 2 and later: (reconstructor,
    arguments, state, list items, dict items)."""
    cls = type(obj)
    if getattr(cls, "__new__", None) is None:
        raise TypeError(f"cannot pickle {cls.__name__!r} object")
    args, kwargs = _new_arguments(obj)
    hasargs = args is not None
    if args is None:
        args = ()
    if not kwargs:
        newobj, newargs = __newobj__, (cls,) + args
    else:
        newobj, newargs = __newobj_ex__, (cls, args, kwargs)
    is_list, is_dict = isinstance(obj, list), isinstance(obj, dict)
    if not hasargs and not is_list and not is_dict:
        # An instance of a builtin type with no way to rebuild its value.
        base = _builtin_base(cls)
        if base is not object:
            raise TypeError(f"cannot pickle {cls.__name__!r} object")
    state = obj.__getstate__()
    listitems = iter(obj) if is_list else None
    dictitems = iter(obj.items()) if is_dict else None
    return newobj, newargs, state, listitems, dictitems


def _slotnames(cls):
    """The names of cls's __slots__ members, its bases' included (private
    names mangled), cached in cls.__slotnames__."""
    names = cls.__dict__.get("__slotnames__")
    if names is not None:
        return names
    names = []
    if hasattr(cls, "__slots__"):
        for c in cls.__mro__:
            if "__slots__" not in c.__dict__:
                continue
            slots = c.__dict__["__slots__"]
            if isinstance(slots, str):
                slots = (slots,)
            for name in slots:
                if name in ("__dict__", "__weakref__"):
                    continue
                if name.startswith("__") and not name.endswith("__"):
                    stripped = c.__name__.lstrip("_")
                    if stripped:
                        name = "_%s%s" % (stripped, name)
                names.append(name)
    try:
        cls.__slotnames__ = names
    except Exception:
        pass
    return names


# The extension registry (pickle protocol 2 codes); key is (module, name).
_extension_registry = {}
_inverted_registry = {}
_extension_cache = {}


def add_extension(module, name, code):
    """Registers an extension code."""
    code = int(code)
    if not 1 <= code <= 0x7fffffff:
        raise ValueError("code out of range")
    key = (module, name)
    if (_extension_registry.get(key) == code and
            _inverted_registry.get(code) == key):
        return
    if key in _extension_registry:
        raise ValueError("key %s is already registered with code %s" %
                         (key, _extension_registry[key]))
    if code in _inverted_registry:
        raise ValueError("code %s is already in use for key %s" %
                         (code, _inverted_registry[code]))
    _extension_registry[key] = code
    _inverted_registry[code] = key


def remove_extension(module, name, code):
    """Unregisters an extension code (for testing only)."""
    key = (module, name)
    if (_extension_registry.get(key) != code or
            _inverted_registry.get(code) != key):
        raise ValueError("key %s is not registered with code %s" %
                         (key, code))
    del _extension_registry[key]
    del _inverted_registry[code]
    if code in _extension_cache:
        del _extension_cache[code]


def clear_extension_cache():
    _extension_cache.clear()
