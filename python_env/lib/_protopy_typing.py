"""Runtime objects of PEP 695 type parameters (TypeVar, ParamSpec,
TypeVarTuple, Generic, TypeAliasType), as CPython 3.12's _typing provides.

The interpreter's CALL_INTRINSIC_* instructions call the underscore
functions at the bottom; bounds, constraints and alias values arrive as
functions and are evaluated on first access.
"""

_NOT_EVALUATED = object()


def _type_repr(obj):
    if isinstance(obj, type):
        if obj.__module__ == "builtins":
            return obj.__qualname__
        return f"{obj.__module__}.{obj.__qualname__}"
    if obj is ...:
        return "..."
    if type(obj).__name__ == "function":
        return obj.__name__
    return repr(obj)


class TypeVar:
    """Type variable."""

    __module__ = "typing"

    def __init__(self, name, *constraints, bound=None, covariant=False,
                 contravariant=False, infer_variance=False):
        if not isinstance(name, str):
            raise TypeError("TypeVar name must be a string")
        if covariant and contravariant:
            raise ValueError("Bivariant types are not supported.")
        if infer_variance and (covariant or contravariant):
            raise ValueError("Variance cannot be specified with infer_variance.")
        if constraints and bound is not None:
            raise TypeError("Constraints cannot be combined with bound=...")
        if len(constraints) == 1:
            raise TypeError("A single constraint is not allowed")
        for c in constraints:
            if type(c) is tuple:
                raise TypeError("TypeVar(name, constraint, ...): constraints must be types. "
                                f"Got {c!r:.100}.")
        self.__name__ = name
        self.__covariant__ = bool(covariant)
        self.__contravariant__ = bool(contravariant)
        self.__infer_variance__ = bool(infer_variance)
        self._bound = bound
        self._constraints = tuple(constraints)
        self._evaluate_bound = None
        self._evaluate_constraints = None

    @property
    def __bound__(self):
        if self._evaluate_bound is not None:
            self._bound = self._evaluate_bound()
            self._evaluate_bound = None
        return self._bound

    @property
    def __constraints__(self):
        if self._evaluate_constraints is not None:
            self._constraints = tuple(self._evaluate_constraints())
            self._evaluate_constraints = None
        return self._constraints

    def __repr__(self):
        if self.__infer_variance__:
            return self.__name__
        if self.__covariant__:
            return "+" + self.__name__
        if self.__contravariant__:
            return "-" + self.__name__
        return "~" + self.__name__

    def __or__(self, other):
        return _typing_union(self, other)

    def __ror__(self, other):
        return _typing_union(other, self)


class _ParamSpecPart:
    """`P.args` / `P.kwargs` of a ParamSpec (the subclass names the part)."""

    __module__ = "typing"
    _part = ""

    def __init__(self, origin):
        self.__origin__ = origin

    def __repr__(self):
        return f"{self.__origin__.__name__}.{self._part}"

    def __eq__(self, other):
        if type(other) is not type(self):
            return NotImplemented
        return self.__origin__ == other.__origin__

    def __hash__(self):
        return hash((type(self), id(self.__origin__)))


class ParamSpecArgs(_ParamSpecPart):
    """The `P.args` of a ParamSpec."""

    __module__ = "typing"
    _part = "args"


class ParamSpecKwargs(_ParamSpecPart):
    """The `P.kwargs` of a ParamSpec."""

    __module__ = "typing"
    _part = "kwargs"


class ParamSpec:
    """Parameter specification variable."""

    def __init__(self, name, *, bound=None, covariant=False, contravariant=False,
                 infer_variance=False):
        if not isinstance(name, str):
            raise TypeError("ParamSpec name must be a string")
        if covariant and contravariant:
            raise ValueError("Bivariant types are not supported.")
        if infer_variance and (covariant or contravariant):
            raise ValueError("Variance cannot be specified with infer_variance.")
        self.__name__ = name
        self.__bound__ = bound
        self.__covariant__ = bool(covariant)
        self.__contravariant__ = bool(contravariant)
        self.__infer_variance__ = bool(infer_variance)

    @property
    def args(self):
        return ParamSpecArgs(self)

    @property
    def kwargs(self):
        return ParamSpecKwargs(self)

    def __repr__(self):
        if self.__infer_variance__:
            return self.__name__
        if self.__covariant__:
            return "+" + self.__name__
        if self.__contravariant__:
            return "-" + self.__name__
        return "~" + self.__name__

    def __mro_entries__(self, bases):
        raise TypeError("Cannot subclass an instance of ParamSpec")


class _Unpacked:
    """`*Ts`: an unpacked TypeVarTuple."""

    def __init__(self, tvt):
        self.__origin__ = tvt

    def __repr__(self):
        return "*" + repr(self.__origin__)

    def __eq__(self, other):
        if not isinstance(other, _Unpacked):
            return NotImplemented
        return self.__origin__ is other.__origin__

    def __hash__(self):
        return hash((_Unpacked, id(self.__origin__)))


class TypeVarTuple:
    """Type variable tuple."""

    __module__ = "typing"

    def __init__(self, name):
        if not isinstance(name, str):
            raise TypeError("TypeVarTuple name must be a string")
        self.__name__ = name

    def __iter__(self):
        yield _Unpacked(self)

    def __repr__(self):
        return self.__name__

    def __mro_entries__(self, bases):
        raise TypeError("Cannot subclass an instance of TypeVarTuple")


def _is_param(p):
    return isinstance(p, (TypeVar, ParamSpec, TypeVarTuple, _Unpacked))


def _collect_parameters(args):
    """The type variables in `args` (nested in aliases and in the argument
    lists of Callable), each once, in order of first appearance."""
    params = []
    for a in args:
        if isinstance(a, (list, tuple)):
            found = _collect_parameters(a)
        elif isinstance(a, _Unpacked):
            found = (a.__origin__,)
        elif isinstance(a, (TypeVar, ParamSpec, TypeVarTuple)):
            found = (a,)
        else:
            found = getattr(a, "__parameters__", ()) or ()
        for p in found:
            if p not in params:
                params.append(p)
    return tuple(params)


class _GenericAlias:
    """`C[int]` for a generic class or type alias."""

    def __init__(self, origin, args):
        self.__origin__ = origin
        self.__args__ = args
        self.__parameters__ = _collect_parameters(args)

    def __repr__(self):
        args = ", ".join(_type_repr(a) for a in self.__args__) if self.__args__ else "()"
        return f"{_type_repr(self.__origin__)}[{args}]"

    def __eq__(self, other):
        if not isinstance(other, _GenericAlias):
            return NotImplemented
        return self.__origin__ == other.__origin__ and self.__args__ == other.__args__

    def __hash__(self):
        return hash((self.__origin__, self.__args__))

    def __call__(self, *args, **kwargs):
        result = self.__origin__(*args, **kwargs)
        try:
            result.__orig_class__ = self
        except AttributeError:
            pass
        return result

    def __mro_entries__(self, bases):
        origin = self.__origin__
        if isinstance(origin, TypeAliasType):
            raise TypeError("Cannot subclass an instance of TypeAliasType")
        if origin is Generic:
            for b in bases[bases.index(self) + 1:]:
                if isinstance(b, _GenericAlias) or (isinstance(b, type) and issubclass(b, Generic)):
                    return ()
        return (origin,)

    def __getattr__(self, name):
        if name.startswith("__") and name.endswith("__"):
            raise AttributeError(name)
        return getattr(self.__origin__, name)

    def __or__(self, other):
        return _typing_union(self, other)

    def __ror__(self, other):
        return _typing_union(other, self)


_TypesGenericAlias = type(list[int])


def _unionable(x):
    # As CPython's is_unionable: subclasses of GenericAlias count
    # (collections.abc's _CallableGenericAlias).
    return x is None or isinstance(x, (type, UnionType, _TypesGenericAlias))


class UnionType:
    """`int | str`: the union of classes made by the `|` operator."""

    __module__ = "types"

    def __init__(self, args):
        self.__args__ = args
        self.__parameters__ = _collect_parameters(args)

    def __repr__(self):
        return " | ".join("None" if a is type(None) else _type_repr(a) for a in self.__args__)

    def __eq__(self, other):
        if not isinstance(other, UnionType):
            return NotImplemented
        return set(self.__args__) == set(other.__args__)

    def __hash__(self):
        return hash(frozenset(self.__args__))

    def __or__(self, other):
        return _type_or(self, other)

    def __ror__(self, other):
        return _type_or(other, self)

    def __instancecheck__(self, obj):
        for a in self.__args__:
            if type(a).__name__ == "GenericAlias":
                raise TypeError("isinstance() argument 2 cannot be a parameterized generic")
        return any(isinstance(obj, a) for a in self.__args__)

    def __subclasscheck__(self, cls):
        for a in self.__args__:
            if type(a).__name__ == "GenericAlias":
                raise TypeError("issubclass() argument 2 cannot be a parameterized generic")
        return any(issubclass(cls, a) for a in self.__args__)

    def __mro_entries__(self, bases):
        raise TypeError(f"Cannot subclass {self!r}")

    def __getitem__(self, item):
        # CPython's union_getitem: the arguments' type variables replaced
        # as a GenericAlias replaces them (a GenericAlias over the same
        # arguments does the substitution), then joined again with `|`.
        alias = _TypesGenericAlias(UnionType, self.__args__)
        try:
            args = alias[item].__args__
        except TypeError as e:
            shown = repr(alias)
            if shown in str(e):
                raise TypeError(str(e).replace(shown, repr(self))) from None
            raise
        if not args:
            return UnionType(args)
        result = args[0]
        for a in args[1:]:
            result = result | a
        return result


def _type_or(a, b):
    """`a | b` for classes, None, generic aliases and unions (type.__or__)."""
    if not (_unionable(a) and _unionable(b)):
        return NotImplemented
    args = []
    for x in (a, b):
        for y in (x.__args__ if isinstance(x, UnionType) else (x,)):
            if y is None:
                y = type(None)
            if y not in args:
                args.append(y)
    if len(args) == 1:
        return args[0]
    return UnionType(tuple(args))


def _typing_union(a, b):
    import typing
    return typing.Union[a, b]


class Generic:
    """Base of generic classes: `class C[T]` derives from `Generic[T]`."""

    __module__ = "typing"

    __slots__ = ()

    def __class_getitem__(cls, params):
        if not isinstance(params, tuple):
            params = (params,)
        if cls is Generic:
            if not params:
                raise TypeError("Parameter list to Generic[...] cannot be empty")
            for p in params:
                if not _is_param(p):
                    raise TypeError(
                        f"Parameters to Generic[...] must all be type variables or parameter specification variables.")
            if len(set(params)) != len(params):
                raise TypeError("Parameters to Generic[...] must all be unique")
        else:
            expected = getattr(cls, "__parameters__", ())
            if not expected:
                raise TypeError(f"{cls} is not a generic class")
            has_tuple = any(isinstance(p, TypeVarTuple) for p in expected)
            if not has_tuple and len(params) != len(expected):
                which = "many" if len(params) > len(expected) else "few"
                raise TypeError(
                    f"Too {which} arguments for {cls}; actual {len(params)}, expected {len(expected)}")
        return _GenericAlias(cls, params)

    def __init_subclass__(cls, *args, **kwargs):
        super().__init_subclass__(*args, **kwargs)
        tvars = []
        for base in cls.__dict__.get("__orig_bases__", ()):
            if isinstance(base, _GenericAlias):
                for p in base.__parameters__:
                    if p not in tvars:
                        tvars.append(p)
        cls.__parameters__ = tuple(tvars)


class TypeAliasType:
    """Type alias created by the `type` statement."""

    __module__ = "typing"

    def __init__(self, *args, type_params=()):
        if len(args) != 2:
            raise TypeError(f"typealias() takes exactly 2 positional arguments ({len(args)} given)")
        name, value = args
        if not isinstance(name, str):
            raise TypeError("TypeAliasType name must be a string")
        if not isinstance(type_params, tuple):
            raise TypeError("type_params must be a tuple")
        self._name = name
        self._value = value
        self._evaluate = None
        self._type_params = type_params

    @property
    def __name__(self):
        return self._name

    @property
    def __type_params__(self):
        return self._type_params

    @property
    def __parameters__(self):
        return _collect_parameters(self._type_params)

    @property
    def __value__(self):
        if self._evaluate is not None:
            self._value = self._evaluate()
            self._evaluate = None
        return self._value

    def __repr__(self):
        return self._name

    def __getitem__(self, params):
        if not self._type_params:
            raise TypeError("Only generic type aliases are subscriptable")
        if not isinstance(params, tuple):
            params = (params,)
        return _GenericAlias(self, params)

    def __or__(self, other):
        return _typing_union(self, other)

    def __ror__(self, other):
        return _typing_union(other, self)


# ---- intrinsics (called by CALL_INTRINSIC_1 / CALL_INTRINSIC_2) ----

def _typevar(name):
    return TypeVar(name, infer_variance=True)


def _typevar_with_bound(name, evaluate):
    tv = TypeVar(name, infer_variance=True)
    tv._evaluate_bound = evaluate
    return tv


def _typevar_with_constraints(name, evaluate):
    tv = TypeVar(name, infer_variance=True)
    tv._evaluate_constraints = evaluate
    return tv


def _paramspec(name):
    return ParamSpec(name, infer_variance=True)


def _typevartuple(name):
    return TypeVarTuple(name)


def _subscript_generic(params):
    unpacked = []
    for p in params:
        if isinstance(p, TypeVarTuple):
            unpacked.append(_Unpacked(p))
        else:
            unpacked.append(p)
    return Generic[tuple(unpacked)]


def _typealias(args):
    name, type_params, evaluate = args
    alias = TypeAliasType(name, None, type_params=type_params if type_params is not None else ())
    alias._evaluate = evaluate
    return alias
