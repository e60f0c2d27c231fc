"""A pure-Python reference of PEP 814's frozendict, for blessing these golden
programs on CPython 3.11, which has no frozendict builtin.

The programs use the builtin when there is one (ProtoPy) and this class
otherwise, and print only what both must agree on: CPython running this
reference writes the expected output, and ProtoPy's native type must print
the same. It follows the behaviour PEP 814 documents (constructor and errors
as dict's, insertion order, views, hash of the items' frozenset,
order-insensitive equality with dict and frozendict, `|`, repr
`frozendict({...})`, pickling and copying); its view classes are named as
ProtoPy's (`frozendict_keys`, `frozendict_values`, `frozendict_items`).
"""
import collections.abc
import threading
import types

_repr_running = threading.local()


def frozendict_in_use():
    """The builtin frozendict if the interpreter has one, else this reference."""
    import builtins
    return getattr(builtins, "frozendict", frozendict)


class _View:
    __slots__ = ("_fd",)

    def __init__(self, fd):
        self._fd = fd

    def __len__(self):
        return len(self._fd._d)

    def __repr__(self):
        return "%s(%r)" % (type(self).__name__, list(self))

    @property
    def mapping(self):
        return types.MappingProxyType(self._fd)

    __hash__ = None


class _SetView(_View):
    __slots__ = ()

    @staticmethod
    def _set_like(o):
        return isinstance(o, (set, frozenset, _SetView,
                              type({}.keys()), type({}.items())))

    def __and__(self, o):
        return set(self) & set(o)

    def __rand__(self, o):
        return set(o) & set(self)

    def __or__(self, o):
        return set(self) | set(o)

    def __ror__(self, o):
        return set(o) | set(self)

    def __sub__(self, o):
        return set(self) - set(o)

    def __rsub__(self, o):
        return set(o) - set(self)

    def __xor__(self, o):
        return set(self) ^ set(o)

    def __rxor__(self, o):
        return set(o) ^ set(self)

    def _cmp(self, o, op):
        if not self._set_like(o):
            return NotImplemented
        return op(set(self), set(o))

    def __eq__(self, o):
        return self._cmp(o, lambda a, b: a == b)

    def __ne__(self, o):
        return self._cmp(o, lambda a, b: a != b)

    def __lt__(self, o):
        return self._cmp(o, lambda a, b: a < b)

    def __le__(self, o):
        return self._cmp(o, lambda a, b: a <= b)

    def __gt__(self, o):
        return self._cmp(o, lambda a, b: a > b)

    def __ge__(self, o):
        return self._cmp(o, lambda a, b: a >= b)

    def isdisjoint(self, o):
        return not any(x in self for x in o)


class frozendict_keys(_SetView):
    __slots__ = ()

    def __iter__(self):
        return iter(self._fd._d)

    def __reversed__(self):
        return reversed(self._fd._d)

    def __contains__(self, k):
        return k in self._fd._d


class frozendict_items(_SetView):
    __slots__ = ()

    def __iter__(self):
        return iter(self._fd._d.items())

    def __reversed__(self):
        return reversed(self._fd._d.items())

    def __contains__(self, kv):
        if not (isinstance(kv, tuple) and len(kv) == 2):
            return False
        k, v = kv
        d = self._fd._d
        return k in d and d[k] == v


class frozendict_values(_View):
    __slots__ = ()

    def __iter__(self):
        return iter(self._fd._d.values())

    def __reversed__(self):
        return reversed(self._fd._d.values())

    def __contains__(self, x):
        return any(v == x for v in self._fd._d.values())


class frozendict:
    __slots__ = ("_d", "_h")

    def __new__(cls, *args, **kwargs):
        if len(args) > 1:
            raise TypeError("frozendict expected at most 1 argument, got %d" % len(args))
        if (cls is frozendict and not kwargs and len(args) == 1
                and type(args[0]) is frozendict):
            return args[0]
        self = object.__new__(cls)
        if args and isinstance(args[0], frozendict):
            d = dict(args[0]._d)
            d.update(kwargs)
        else:
            d = dict(*args, **kwargs)
        object.__setattr__(self, "_d", d)
        return self

    def __getitem__(self, k):
        try:
            return self._d[k]
        except KeyError:
            if type(self) is not frozendict:
                missing = getattr(type(self), "__missing__", None)
                if missing is not None:
                    return missing(self, k)
            raise

    def get(self, *args):
        return self._d.get(*args)

    def __contains__(self, k):
        return k in self._d

    def __len__(self):
        return len(self._d)

    def __iter__(self):
        return iter(self._d)

    def __reversed__(self):
        return reversed(self._d)

    def keys(self):
        return frozendict_keys(self)

    def values(self):
        return frozendict_values(self)

    def items(self):
        return frozendict_items(self)

    def copy(self):
        if type(self) is frozendict:
            return self
        return frozendict(self._d)

    @classmethod
    def fromkeys(cls, *args):
        fd = frozendict(dict.fromkeys(*args))
        return fd if cls is frozendict else cls(fd)

    __class_getitem__ = classmethod(types.GenericAlias)

    def __repr__(self):
        name = type(self).__name__
        if not self._d:
            return "%s()" % name
        running = _repr_running.__dict__.setdefault("ids", set())
        if id(self) in running:
            return "%s({...})" % name
        running.add(id(self))
        try:
            return "%s(%r)" % (name, self._d)
        finally:
            running.discard(id(self))

    def __eq__(self, o):
        if isinstance(o, frozendict):
            return self._d == o._d
        if isinstance(o, dict):
            return self._d == o
        return NotImplemented

    def __ne__(self, o):
        r = self.__eq__(o)
        return r if r is NotImplemented else not r

    def __hash__(self):
        try:
            return self._h
        except AttributeError:
            h = hash(frozenset(self._d.items()))
            object.__setattr__(self, "_h", h)
            return h

    def __or__(self, o):
        if not isinstance(o, (dict, frozendict)):
            return NotImplemented
        d = dict(self._d)
        d.update(o._d if isinstance(o, frozendict) else o)
        return frozendict(d)

    def __ror__(self, o):
        # CPython 3.11's dict.__or__ refuses this class; the builtin's
        # `dict | frozendict` is a dict, which is what this gives.
        if not isinstance(o, dict):
            return NotImplemented
        d = dict(o)
        d.update(self._d)
        return d

    def __reduce__(self):
        # object.__getstate__, less this class's own slots.
        state = object.__getstate__(self)
        if isinstance(state, tuple):
            d, slots = state
            slots = {k: v for k, v in slots.items() if k not in ("_d", "_h")}
            state = (d, slots) if slots else d
        if state:
            return (type(self), (dict(self._d),), state)
        return (type(self), (dict(self._d),))

    def __copy__(self):
        if type(self) is frozendict:
            return self
        import copy
        return copy._reconstruct(self, None, *self.__reduce_ex__(4))

    def __setattr__(self, name, value):
        if type(self) is frozendict or name in ("_d", "_h"):
            raise AttributeError("'%s' object has no attribute '%s'" % (type(self).__name__, name))
        object.__setattr__(self, name, value)


collections.abc.Mapping.register(frozendict)
collections.abc.KeysView.register(frozendict_keys)
collections.abc.ValuesView.register(frozendict_values)
collections.abc.ItemsView.register(frozendict_items)
