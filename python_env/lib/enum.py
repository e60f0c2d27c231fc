"""Enumerations (the `enum` module), behaving as CPython 3.11's.

An enumeration class is built by the `EnumType` metaclass: the class body is
run in an `_EnumDict`, which records which names become members (plain values,
`auto()` placeholders and `member()` wrappers; not descriptors such as
functions, nor dunder/sunder/private names).  `EnumType.__new__` then removes
the members from the namespace, creates the class, and turns each value into
a member object (an instance of the class) with `_name_` and `_value_`.

Lookups: `Cls(value)` goes through `Enum.__new__` (the value map, then a
linear search for unhashable values, then `_missing_`); `Cls[name]` reads
`_member_map_`.  `Flag` members combine with `| & ^ ~`; values that no single
member has become cached "pseudo-members" whose name joins the names of the
single-bit members they contain.
"""

import sys as _sys

__all__ = [
    'EnumType', 'EnumMeta', 'Enum', 'IntEnum', 'StrEnum', 'Flag', 'IntFlag',
    'ReprEnum', 'auto', 'unique', 'property', 'verify', 'member', 'nonmember',
    'FlagBoundary', 'STRICT', 'CONFORM', 'EJECT', 'KEEP', 'global_flag_repr',
    'global_enum_repr', 'global_str', 'global_enum', 'EnumCheck', 'CONTINUOUS',
    'NAMED_FLAGS', 'UNIQUE', 'pickle_by_global_name', 'pickle_by_enum_name',
]

_MappingProxy = type(type.__dict__)
_builtin_property = property

# The base classes defined below; None while they are being created, which
# is how the metaclass recognises the bootstrap of the module itself.
Enum = Flag = EJECT = _stdlib_enums = ReprEnum = None


def _is_dunder(name):
    return (len(name) > 4 and name[:2] == '__' and name[-2:] == '__'
            and name[2] != '_' and name[-3] != '_')


def _is_sunder(name):
    return (len(name) > 2 and name[0] == '_' and name[-1] == '_'
            and name[1] != '_' and name[-2] != '_')


def _is_private(cls_name, name):
    prefix = '_%s__' % cls_name.lstrip('_')
    return (len(name) > len(prefix) and name.startswith(prefix)
            and not name.endswith('__'))


def _is_internal_class(cls_name, obj):
    # A class defined in the enum's body (its qualname ends in Cls.Name).
    if not isinstance(obj, type):
        return False
    qualname = getattr(obj, '__qualname__', '')
    name = cls_name + '.' + getattr(obj, '__name__', '')
    return qualname == name or qualname.endswith('.' + name)


def _is_descriptor(obj):
    return (hasattr(obj, '__get__') or hasattr(obj, '__set__')
            or hasattr(obj, '__delete__'))


def _is_single_bit(value):
    if value == 0:
        return False
    return value & (value - 1) == 0


def _bits_of(value):
    """The set bits of a non-negative int, lowest first."""
    while value:
        low = value & -value
        yield low
        value ^= low


_builtin_bin = bin


def bin(num, max_bits=None):
    """'0b<sign bit> <bits>' of `num`, two's complement when negative, the
    bits padded to `max_bits` (as flag error messages show values)."""
    if num >= 0:
        digits = format(num, 'b') if num else ''
        if max_bits is not None:
            digits = digits.rjust(max_bits, '0')
        return '0b0 ' + digits
    width = (-num).bit_length()
    digits = format((1 << width) + num, 'b').rjust(width, '0')
    if max_bits is not None:
        digits = digits.rjust(max_bits, '1')
    return '0b1 ' + digits


class _AutoNull:
    def __repr__(self):
        return '_auto_null'


_auto_null = _AutoNull()


class auto:
    """Placeholder replaced by `_generate_next_value_` when the class body
    assigns it to a member name."""

    def __init__(self, value=_auto_null):
        self.value = value

    def __repr__(self):
        return 'auto(%r)' % (self.value,)


class member:
    """Forces `value` to become a member even if it is a descriptor."""

    def __init__(self, value):
        self.value = value


class nonmember:
    """Keeps `value` a plain class attribute."""

    def __init__(self, value):
        self.value = value


class property:
    """A property of the members that, looked up on the enum class itself,
    finds the member of that name instead (so members may be called `name`
    or `value`)."""

    def __init__(self, fget=None, fset=None, fdel=None, doc=None):
        self.fget = fget
        self.fset = fset
        self.fdel = fdel
        self.__doc__ = doc if doc is not None else getattr(fget, '__doc__', None)
        self.name = getattr(fget, '__name__', None)
        self.clsname = None

    def __set_name__(self, ownerclass, name):
        self.name = name
        self.clsname = ownerclass.__name__

    def __get__(self, instance, ownerclass=None):
        if instance is None:
            try:
                return ownerclass._member_map_[self.name]
            except (KeyError, AttributeError):
                raise AttributeError('%r has no attribute %r' % (ownerclass, self.name)) from None
        if self.fget is None:
            try:
                return instance.__class__._member_map_[self.name]
            except KeyError:
                raise AttributeError('%r has no attribute %r' % (instance.__class__, self.name)) from None
        return self.fget(instance)

    def __set__(self, instance, value):
        if self.fset is None:
            raise AttributeError('<enum %r> cannot set attribute %r' % (self.clsname, self.name))
        self.fset(instance, value)

    def __delete__(self, instance):
        if self.fdel is None:
            raise AttributeError('<enum %r> cannot delete attribute %r' % (self.clsname, self.name))
        self.fdel(instance)

    def getter(self, fget):
        return type(self)(fget, self.fset, self.fdel, self.__doc__)

    def setter(self, fset):
        return type(self)(self.fget, fset, self.fdel, self.__doc__)

    def deleter(self, fdel):
        return type(self)(self.fget, self.fset, fdel, self.__doc__)


# Sunder names an enum class body may define.
_ALLOWED_SUNDERS = frozenset([
    '_order_', '_generate_next_value_', '_missing_', '_ignore_',
    '_numeric_repr_', '_iter_member_', '_iter_member_by_value_',
    '_iter_member_by_def_',
])


class _EnumDict(dict):
    """The namespace an enum class body runs in: records the member names
    (in definition order) and resolves `auto()` as they are assigned."""

    def __init__(self):
        super().__init__()
        self._member_names = {}
        self._last_values = []
        self._ignore = []
        self._auto_called = False
        self._cls_name = None
        self._generate = None

    def _next_value(self, key):
        self._auto_called = True
        gen = self._generate
        if gen is None:
            gen = Enum._generate_next_value_
        return gen(key, 1, len(self._member_names), self._last_values[:])

    def _resolve(self, key, value):
        if isinstance(value, auto):
            if value.value is _auto_null:
                value.value = self._next_value(key)
            return value.value
        if isinstance(value, tuple) and any(isinstance(v, auto) for v in value):
            parts = []
            for v in value:
                if isinstance(v, auto):
                    if v.value is _auto_null:
                        v.value = self._next_value(key)
                        self._last_values.append(v.value)
                    v = v.value
                parts.append(v)
            return tuple(parts)
        return value

    def __setitem__(self, key, value):
        if self._cls_name is not None and _is_internal_class(self._cls_name, value):
            import warnings
            warnings.warn(
                "In 3.13 classes created inside an enum will not become a member.  "
                "Use the `member` decorator to keep the current behavior.",
                DeprecationWarning, stacklevel=2)
        if self._cls_name is not None and _is_private(self._cls_name, key):
            pass
        elif _is_sunder(key):
            if key not in _ALLOWED_SUNDERS:
                raise ValueError('_sunder_ names, such as %r, are reserved for future Enum use' % (key,))
            if key == '_generate_next_value_':
                if self._auto_called:
                    raise TypeError('_generate_next_value_ must be defined before members')
                self._generate = value.__func__ if isinstance(value, staticmethod) else value
            elif key == '_ignore_':
                if isinstance(value, str):
                    value = value.replace(',', ' ').split()
                else:
                    value = list(value)
                self._ignore = value
                already = set(value) & set(self._member_names)
                if already:
                    raise ValueError('_ignore_ cannot specify already set names: %r' % (already,))
        elif _is_dunder(key):
            if key == '__order__':
                key = '_order_'
        elif key in self._member_names:
            raise TypeError('%r already defined as %r' % (key, self[key]))
        elif key in self._ignore:
            pass
        elif isinstance(value, nonmember):
            value = value.value
        elif _is_descriptor(value) and not isinstance(value, member):
            pass
        else:
            if key in self:
                raise TypeError('%r already defined as %r' % (key, self[key]))
            if isinstance(value, member):
                value = value.value
            value = self._resolve(key, value)
            self._member_names[key] = None
            self._last_values.append(value)
        super().__setitem__(key, value)

    def update(self, *args, **kwds):
        for source in args:
            items = source.items() if hasattr(source, 'keys') else source
            for k, v in items:
                self[k] = v
        for k, v in kwds.items():
            self[k] = v


def _data_type(class_name, bases):
    """The single non-enum type with its own `__new__` that the bases mix in
    (object when there is none)."""
    found = []
    for chain in bases:
        candidate = None
        for base in chain.__mro__:
            if base is object:
                continue
            if isinstance(base, EnumType):
                if base._member_type_ is not object:
                    if base._member_type_ not in found:
                        found.append(base._member_type_)
                    break
                continue
            if '__new__' in base.__dict__ or '__dataclass_fields__' in base.__dict__:
                typ = candidate or base
                if typ not in found:
                    found.append(typ)
                break
            candidate = candidate or base
    if len(found) > 1:
        raise TypeError('too many data types for %r: %r' % (class_name, set(found)))
    return found[0] if found else object


def _mixins(class_name, bases):
    """(member type, first enum base) for a new enum class."""
    if not bases:
        return object, Enum
    first_enum = bases[-1]
    if not isinstance(first_enum, EnumType):
        raise TypeError('new enumerations should be created as '
                        '`EnumName([mixin_type, ...] [data_type,] enum_type)`')
    return _data_type(class_name, bases), first_enum


def _check_extendable(class_name, bases):
    for chain in bases:
        for base in chain.__mro__:
            if isinstance(base, EnumType) and base._member_names_:
                raise TypeError('<enum %r> cannot extend %r' % (class_name, base))


def _member_creator(classdict, member_type, first_enum):
    """(callable creating a member, whether it takes the value as arguments)."""
    new = classdict.get('__new__')
    if new is not None:
        if isinstance(new, staticmethod):
            new = new.__func__
        return new, True
    skip = (None, object.__new__)
    for attr in ('__new_member__', '__new__'):
        for source in (member_type, first_enum):
            target = getattr(source, attr, None)
            if target in skip or (Enum is not None and target is Enum.__new__):
                continue
            return target, True
    return object.__new__, False


def _bases_mro(bases):
    """Every class the bases inherit from."""
    seen = []
    for b in bases:
        for k in b.__mro__:
            if k not in seen:
                seen.append(k)
    return seen


def _default_methods(name):
    """This module's own versions of method `name` (Enum's, Flag's)."""
    return [k.__dict__[name] for k in (Enum, Flag) if k is not None and name in k.__dict__]


def _data_repr(member_type):
    """The data type's own __repr__, used for member values in repr()."""
    if member_type is object:
        return None
    for klass in member_type.__mro__:
        if klass is object:
            break
        r = klass.__dict__.get('__repr__')
        if r is not None:
            return r
    return None


class EnumType(type):
    """Metaclass of all enumerations."""

    @classmethod
    def __prepare__(metacls, cls, bases, **kwds):
        _check_extendable(cls, bases)
        ns = _EnumDict()
        ns._cls_name = cls
        if Enum is not None:
            member_type, first_enum = _mixins(cls, bases)
            gen = getattr(first_enum, '_generate_next_value_', None)
            if isinstance(gen, staticmethod):
                gen = gen.__func__
            ns._generate = gen
        return ns

    def __new__(metacls, cls, bases, classdict, *, boundary=None, **kwds):
        if not isinstance(classdict, _EnumDict):
            ns = metacls.__prepare__(cls, bases)
            for k, v in classdict.items():
                ns[k] = v
            classdict = ns
        for name in classdict._ignore:
            classdict.pop(name, None)
        if Enum is None:
            member_type, first_enum = object, None
        else:
            member_type, first_enum = _mixins(cls, bases)
        member_names = list(classdict._member_names)
        bad = [n for n in member_names if n in ('mro', '')]
        if bad:
            raise ValueError('invalid enum member name(s) %s' % ', '.join(repr(n) for n in bad))
        values = {}
        for name in member_names:
            values[name] = dict.pop(classdict, name)
        new_member, use_args = _member_creator(classdict, member_type, first_enum)
        order = classdict.pop('_order_', None)
        if isinstance(order, str):
            order = order.replace(',', ' ').split()
        elif order is not None:
            order = list(order)

        body = dict(classdict)
        body['_new_member_'] = new_member
        body['_use_args_'] = use_args
        body['_member_names_'] = []
        body['_member_map_'] = {}
        body['_value2member_map_'] = {}
        body['_unhashable_values_'] = []
        body['_member_type_'] = member_type
        body['_value_repr_'] = _data_repr(member_type)
        is_flag = Flag is not None and any(issubclass(b, Flag) for b in bases)
        if is_flag or (Flag is None and cls == 'Flag'):
            body['_boundary_'] = boundary or getattr(first_enum, '_boundary_', None)
            body['_flag_mask_'] = 0
            body['_singles_mask_'] = 0
            body['_all_bits_'] = 0
            body['_inverted_'] = None
        enum_class = super().__new__(metacls, cls, bases, body, **kwds)

        for name, value in values.items():
            enum_class._add_member_(name, value)

        if is_flag:
            single = 0
            every = 0
            for m in enum_class._member_map_.values():
                v = m._value_
                every |= v
                if _is_single_bit(v):
                    single |= v
            type.__setattr__(enum_class, '_flag_mask_', single)
            type.__setattr__(enum_class, '_singles_mask_', single)
            bits = max(single, every).bit_length()
            type.__setattr__(enum_class, '_all_bits_', 2 ** bits - 1)

        # The string forms come from the enum base, never from the data type
        # (ReprEnum then hands str() and format() back to the data type).
        if Enum is not None:
            for name in ('__repr__', '__str__', '__format__'):
                if name in classdict:
                    continue
                found = getattr(enum_class, name)
                if member_type is not object and found is getattr(member_type, name):
                    type.__setattr__(enum_class, name, getattr(first_enum, name))
                elif found is getattr(object, name):
                    type.__setattr__(enum_class, name, getattr(first_enum, name))
            if ReprEnum is not None and ReprEnum in _bases_mro(bases):
                if member_type is object:
                    raise TypeError('ReprEnum subclasses must be mixed with a data type '
                                    '(i.e. int, str, float, etc.)')
                # Only where this module's Enum/Flag versions would apply
                # (not over a base enum's custom __str__/__format__).
                if enum_class.__format__ in _default_methods('__format__'):
                    type.__setattr__(enum_class, '__format__', member_type.__format__)
                if enum_class.__str__ in _default_methods('__str__'):
                    s = member_type.__str__
                    if s is object.__str__:
                        s = member_type.__repr__
                    type.__setattr__(enum_class, '__str__', s)

        # Lookups by value go through Enum.__new__; the class's own __new__
        # (if any) only creates members.
        if Enum is not None:
            if '__new__' in classdict:
                type.__setattr__(enum_class, '__new_member__', new_member)
            type.__setattr__(enum_class, '__new__', Enum.__new__)

        if order is not None:
            if is_flag:
                order = [n for n in order
                         if n not in enum_class._member_map_ or n in enum_class._member_names_]
            if order != enum_class._member_names_:
                raise TypeError('member order does not match _order_:\n  %r\n  %r'
                                % (enum_class._member_names_, order))
        return enum_class

    def _add_member_(cls, name, value):
        """Creates member `name` from its class-body `value`."""
        member_type = cls._member_type_
        if not isinstance(value, tuple):
            args = (value,)
        else:
            args = value
        if member_type is tuple:
            args = (args,)
        if not cls._use_args_:
            obj = cls._new_member_(cls)
        else:
            obj = cls._new_member_(cls, *args)
        if not hasattr(obj, '_value_'):
            if member_type is object:
                obj._value_ = value
            else:
                try:
                    obj._value_ = member_type(*args)
                except Exception as exc:
                    err = TypeError('_value_ not set in __new__, unable to create it')
                    err.__cause__ = exc
                    raise err
        value = obj._value_
        obj._name_ = name
        obj.__objclass__ = cls
        obj.__init__(*args)
        obj._sort_order_ = len(cls._member_names_)

        flag = Flag is not None and issubclass(cls, Flag)
        if flag and not isinstance(value, int):
            _is_single_bit(value)
        # An earlier member with an equal value makes this name an alias.
        # The value map answers for hashable values (a linear search covers
        # unhashable ones and entries a custom __new__ added to the map).
        canonical = None
        try:
            found = cls._value2member_map_.get(value)
            hashable = True
        except TypeError:
            found = None
            hashable = False
        if found is not None and found._value_ == value:
            canonical = found
        elif found is not None or not hashable:
            for existing in cls._member_map_.values():
                if existing._value_ == value:
                    canonical = existing
                    break
        if canonical is not None:
            obj = canonical
        elif not flag or _is_single_bit(value):
            cls._member_names_.append(name)
        cls._member_map_[name] = obj
        try:
            cls._value2member_map_.setdefault(value, obj)
        except TypeError:
            cls._unhashable_values_.append(value)

        shadowed = False
        for base in cls.__mro__[1:]:
            attr = base.__dict__.get(name)
            if attr is not None:
                shadowed = isinstance(attr, property)
                break
        if not shadowed:
            type.__setattr__(cls, name, obj)

    def __call__(cls, value, names=None, *, module=None, qualname=None, type=None, start=1, boundary=None):
        if names is None:
            return cls.__new__(cls, value)
        return cls._create_(value, names, module=module, qualname=qualname,
                            type=type, start=start, boundary=boundary)

    def _create_(cls, class_name, names, *, module=None, qualname=None, type=None, start=1, boundary=None):
        """The functional API: `Enum('Name', 'A B C')` and its variants."""
        metacls = cls.__class__
        bases = (cls,) if type is None else (type, cls)
        ns = metacls.__prepare__(class_name, bases)
        first_enum = bases[-1]
        if isinstance(names, str):
            names = names.replace(',', ' ').split()
        if isinstance(names, (tuple, list)) and names and isinstance(names[0], str):
            pairs = []
            last = []
            gen = first_enum._generate_next_value_
            for count, name in enumerate(names):
                v = gen(name, start, count, last[:])
                last.append(v)
                pairs.append((name, v))
            names = pairs
        for item in names:
            if isinstance(item, str):
                ns[item] = names[item]
            else:
                k, v = item
                ns[k] = v
        if module is None:
            try:
                module = _sys._getframe(2).f_globals['__name__']
            except (AttributeError, ValueError, KeyError):
                module = '__main__'
        ns['__module__'] = module
        if qualname is not None:
            ns['__qualname__'] = qualname
        return metacls.__new__(metacls, class_name, bases, ns, boundary=boundary)

    def _convert_(cls, name, module, filter, source=None, *, boundary=None, as_global=False):
        """Builds enum `name` in `module` from that module's constants whose
        names pass `filter`, and replaces the constants by the members."""
        mod_globals = _sys.modules[module].__dict__
        if source is None:
            source = mod_globals
        else:
            source = source.__dict__ if hasattr(source, '__dict__') else source
        members = [(k, v) for k, v in source.items() if filter(k)]
        members.sort(key=lambda kv: (kv[1], kv[0]))
        new = cls(name, members, module=module, boundary=boundary or KEEP)
        if as_global:
            global_enum(new)
        else:
            mod_globals.update(new.__members__)
        mod_globals[name] = new
        return new

    def __bool__(cls):
        return True

    def __contains__(cls, obj):
        if not isinstance(obj, Enum):
            import warnings
            warnings.warn(
                "in 3.12 __contains__ will no longer raise TypeError, but will return True or\n"
                "False depending on whether the value is a member or the value of a member",
                DeprecationWarning, stacklevel=2)
            raise TypeError("unsupported operand type(s) for 'in': %r and %r"
                            % (type(obj).__qualname__, cls.__class__.__qualname__))
        return isinstance(obj, cls) and obj._name_ in cls._member_map_

    def __delattr__(cls, attr):
        if attr in cls._member_map_:
            raise AttributeError('%r cannot delete member %r.' % (cls.__name__, attr))
        super().__delattr__(attr)

    def __dir__(cls):
        names = set(['__class__', '__contains__', '__doc__', '__getitem__',
                     '__init_subclass__', '__iter__', '__len__', '__members__',
                     '__module__', '__name__', '__qualname__'])
        names.update(cls._member_names_)
        if cls._new_member_ is not object.__new__:
            names.add('__new__')
        if cls._member_type_ is not object:
            names.update(dir(cls._member_type_))
        return sorted(names)

    def __getattr__(cls, name):
        if _is_dunder(name):
            raise AttributeError(name)
        try:
            return cls._member_map_[name]
        except KeyError:
            raise AttributeError(name) from None

    def __getitem__(cls, name):
        return cls._member_map_[name]

    def __iter__(cls):
        return (cls._member_map_[name] for name in cls._member_names_)

    def __reversed__(cls):
        return (cls._member_map_[name] for name in reversed(cls._member_names_))

    def __len__(cls):
        return len(cls._member_names_)

    @_builtin_property
    def __members__(cls):
        return _MappingProxy(cls._member_map_)

    def __repr__(cls):
        if Flag is not None and issubclass(cls, Flag):
            return '<flag %r>' % (cls.__name__,)
        return '<enum %r>' % (cls.__name__,)

    def __setattr__(cls, name, value):
        if name in cls.__dict__.get('_member_map_', {}):
            raise AttributeError('cannot reassign member %r' % (name,))
        super().__setattr__(name, value)


EnumMeta = EnumType


class Enum(metaclass=EnumType):
    """Base class of enumerations: `class Color(Enum): RED = 1`."""

    def __new__(cls, value):
        if type(value) is cls:
            return value
        try:
            return cls._value2member_map_[value]
        except KeyError:
            pass
        except TypeError:
            for m in cls._member_map_.values():
                if m._value_ == value:
                    return m
        try:
            error = None
            result = cls._missing_(value)
        except Exception as exc:
            error = exc
            result = None
        try:
            if isinstance(result, cls):
                return result
            if (Flag is not None and issubclass(cls, Flag) and cls._boundary_ is EJECT
                    and isinstance(result, int)):
                return result
            not_valid = ValueError('%r is not a valid %s' % (value, cls.__qualname__))
            if result is None and error is None:
                raise not_valid
            if error is None:
                error = TypeError('error in %s._missing_: returned %r instead of None or a valid member'
                                  % (cls.__name__, result))
            if not isinstance(error, ValueError):
                error.__context__ = not_valid
            raise error
        finally:
            error = None
            not_valid = None

    def __init__(self, *args, **kwds):
        pass

    def _generate_next_value_(name, start, count, last_values):
        """Default `auto()` values (3.11): one more than the last value when
        the values so far are ascending; otherwise, with a
        DeprecationWarning, one more than the first of the (sorted, when
        they can be) values that can be incremented, else `start`."""
        if not last_values:
            return start
        try:
            last = last_values[-1]
            last_values.sort()
            if last == last_values[-1]:
                return last + 1
        except TypeError:
            pass
        import warnings
        # Frames: this, _next_value, _resolve, __setitem__, the class body.
        warnings.warn(
            "In 3.13 the default `auto()`/`_generate_next_value_` will require all "
            "values to be sortable and support adding +1\n"
            "and the value returned will be the largest value in the enum incremented by 1",
            DeprecationWarning, stacklevel=5)
        for v in last_values:
            try:
                return v + 1
            except TypeError:
                pass
        return start

    @classmethod
    def _missing_(cls, value):
        return None

    def __repr__(self):
        cls = self.__class__
        vr = cls._value_repr_
        v = self._value_
        if vr is None or not isinstance(v, cls._member_type_):
            text = repr(v)
        else:
            text = vr(v)
        return '<%s.%s: %s>' % (cls.__name__, self._name_, text)

    def __str__(self):
        return '%s.%s' % (self.__class__.__name__, self._name_)

    def __format__(self, format_spec):
        return str.__format__(str(self), format_spec)

    def __dir__(self):
        cls = self.__class__
        if cls._member_type_ is object:
            names = set(['__class__', '__doc__', '__eq__', '__hash__', '__module__', 'name', 'value'])
        else:
            names = set(object.__dir__(self))
        for n in getattr(self, '__dict__', ()):
            if n[0] != '_':
                names.add(n)
        for klass in cls.__mro__:
            for n, obj in klass.__dict__.items():
                if n[0] == '_':
                    continue
                names.add(n)
        return sorted(names)

    def __hash__(self):
        return hash(self._name_)

    def __reduce_ex__(self, proto):
        return getattr, (self.__class__, self._name_)

    def __copy__(self):
        return self

    def __deepcopy__(self, memo):
        return self

    @property
    def name(self):
        """The name of the member."""
        return self._name_

    @property
    def value(self):
        """The value of the member."""
        return self._value_


class ReprEnum(Enum):
    """Only changes the repr(); str() and format() are the data type's."""


class IntEnum(int, ReprEnum):
    """Enum whose members are also ints."""


class StrEnum(str, ReprEnum):
    """Enum whose members are also strs."""

    def __new__(cls, *values):
        if len(values) > 3:
            raise TypeError('too many arguments for str(): %r' % (values,))
        if len(values) == 1 and not isinstance(values[0], str):
            raise TypeError('%r is not a string' % (values[0],))
        if len(values) >= 2 and not isinstance(values[1], str):
            raise TypeError('encoding must be a string, not %r' % (values[1],))
        if len(values) == 3 and not isinstance(values[2], str):
            raise TypeError('errors must be a string, not %r' % (values[2],))
        text = str(*values)
        obj = str.__new__(cls, text)
        obj._value_ = text
        return obj

    def _generate_next_value_(name, start, count, last_values):
        """auto() gives the lower-cased member name."""
        return name.lower()


class FlagBoundary(StrEnum):
    """What a Flag does with values that have bits no member has."""
    STRICT = auto()
    CONFORM = auto()
    EJECT = auto()
    KEEP = auto()


STRICT, CONFORM, EJECT, KEEP = FlagBoundary


class Flag(Enum, boundary=CONFORM):
    """Enum whose members combine with the bitwise operators."""

    def _generate_next_value_(name, start, count, last_values):
        """auto() gives the next power of two above the largest value."""
        if not count:
            return start if start is not None else 1
        last = max(last_values)
        try:
            high = last.bit_length()
        except Exception:
            raise TypeError('invalid flag value %r' % (last,)) from None
        return 2 ** high

    @classmethod
    def _iter_member_by_value_(cls, value):
        """Single-bit members in `value`, lowest bit first."""
        for bit in _bits_of(value & cls._flag_mask_):
            m = cls._value2member_map_.get(bit)
            if m is not None:
                yield m

    @classmethod
    def _iter_member_by_def_(cls, value):
        """Single-bit members in `value`, in definition order."""
        return iter(sorted(cls._iter_member_by_value_(value), key=lambda m: m._sort_order_))

    _iter_member_ = _iter_member_by_def_

    @classmethod
    def _numeric_repr_(cls, value):
        return repr(value)

    @classmethod
    def _missing_(cls, value):
        """Creates (and caches) the pseudo-member for a combination of
        flags, following the class's boundary for unknown bits."""
        if not isinstance(value, int):
            raise ValueError('%r is not a valid %s' % (value, cls.__qualname__))
        mask = cls._flag_mask_
        all_bits = cls._all_bits_
        boundary = cls._boundary_
        original = value
        if not (~all_bits <= value <= all_bits) or value & (all_bits ^ mask):
            if boundary is STRICT:
                width = max(value.bit_length(), mask.bit_length())
                raise ValueError('%r invalid value %r\n    given %s\n  allowed %s'
                                 % (cls, value, bin(value, width), bin(mask, width)))
            if boundary is CONFORM:
                value = value & mask
            elif boundary is EJECT:
                return value
            elif boundary is KEEP:
                if value < 0:
                    value = max(all_bits + 1, 2 ** value.bit_length()) + value
            else:
                raise ValueError('%r unknown flag boundary %r' % (cls, boundary))
        negative = None
        if value < 0:
            negative = value
            value = all_bits + 1 + value
        if value in cls._value2member_map_:
            found = cls._value2member_map_[value]
            if negative is not None:
                cls._value2member_map_[original] = found
            return found
        known = value & mask
        unknown = value & ~mask
        if unknown and boundary is not KEEP:
            raise ValueError('%s(%r) -->  unknown values %r [%s]'
                             % (cls.__name__, value, unknown, _builtin_bin(unknown)))
        if cls._member_type_ is object:
            pseudo = object.__new__(cls)
        else:
            pseudo = cls._member_type_.__new__(cls, value)
        if not hasattr(pseudo, '_value_'):
            pseudo._value_ = value
        members = list(cls._iter_member_(known))
        if members:
            name = '|'.join(m._name_ for m in members)
            if unknown:
                name += '|' + cls._numeric_repr_(unknown)
            pseudo._name_ = name
        else:
            pseudo._name_ = None
        pseudo = cls._value2member_map_.setdefault(value, pseudo)
        if negative is not None:
            cls._value2member_map_[negative] = pseudo
        return pseudo

    def __repr__(self):
        cls = self.__class__
        vr = cls._value_repr_ or repr
        if self._name_ is None:
            return '<%s: %s>' % (cls.__name__, vr(self._value_))
        return '<%s.%s: %s>' % (cls.__name__, self._name_, vr(self._value_))

    def __str__(self):
        cls = self.__class__
        if self._name_ is None:
            return '%s(%r)' % (cls.__name__, self._value_)
        return '%s.%s' % (cls.__name__, self._name_)

    def __bool__(self):
        return bool(self._value_)

    def __contains__(self, other):
        if not isinstance(other, self.__class__):
            raise TypeError("unsupported operand type(s) for 'in': %r and %r"
                            % (type(other).__qualname__, self.__class__.__qualname__))
        return other._value_ & self._value_ == other._value_

    def __iter__(self):
        return self._iter_member_(self._value_)

    def __len__(self):
        return len(list(self._iter_member_(self._value_)))

    def _operand(self, other):
        if isinstance(other, self.__class__):
            return other._value_
        if self._member_type_ is not object and isinstance(other, self._member_type_):
            return other
        return NotImplemented

    def __or__(self, other):
        v = self._operand(other)
        if v is NotImplemented:
            return v
        return self.__class__(self._value_ | v)

    def __and__(self, other):
        v = self._operand(other)
        if v is NotImplemented:
            return v
        return self.__class__(self._value_ & v)

    def __xor__(self, other):
        v = self._operand(other)
        if v is NotImplemented:
            return v
        return self.__class__(self._value_ ^ v)

    def __invert__(self):
        if self._inverted_ is None:
            cls = self.__class__
            if cls._boundary_ is KEEP:
                inv = cls(~self._value_)
            else:
                inv = cls(cls._singles_mask_ & ~self._value_)
            self._inverted_ = inv
        return self._inverted_

    __ror__ = __or__
    __rand__ = __and__
    __rxor__ = __xor__


class IntFlag(int, ReprEnum, Flag, boundary=KEEP):
    """Flag whose members are also ints (and combine with ints)."""

    # int's own operators come first in the MRO: use Flag's.
    __or__ = Flag.__or__
    __and__ = Flag.__and__
    __xor__ = Flag.__xor__
    __ror__ = Flag.__ror__
    __rand__ = Flag.__rand__
    __rxor__ = Flag.__rxor__
    __invert__ = Flag.__invert__


_stdlib_enums = (Enum, ReprEnum, IntEnum, StrEnum, Flag, IntFlag)


def unique(enumeration):
    """Class decorator: raises ValueError if any member is an alias."""
    dups = []
    for name, m in enumeration.__members__.items():
        if name != m.name:
            dups.append((name, m.name))
    if dups:
        text = ', '.join('%s -> %s' % (alias, name) for alias, name in dups)
        raise ValueError('duplicate values found in %r: %s' % (enumeration, text))
    return enumeration


class EnumCheck(StrEnum):
    """Checks `verify` can make."""
    CONTINUOUS = 'no skipped integer values'
    NAMED_FLAGS = 'multi-flag aliases may not contain unnamed flags'
    UNIQUE = 'one name per value'


CONTINUOUS, NAMED_FLAGS, UNIQUE = EnumCheck


class verify:
    """Class decorator checking the given `EnumCheck` constraints."""

    def __init__(self, *checks):
        self.checks = checks

    def __call__(self, enumeration):
        cls_name = enumeration.__name__
        for check in self.checks:
            if check is UNIQUE:
                dups = [(n, m.name) for n, m in enumeration.__members__.items() if n != m.name]
                if dups:
                    text = ', '.join('%s -> %s' % d for d in dups)
                    raise ValueError('aliases found in %r: %s' % (enumeration, text))
            elif check is CONTINUOUS:
                values = set(m.value for m in enumeration)
                if len(values) < 2:
                    continue
                low, high = min(values), max(values)
                missing = []
                if issubclass(enumeration, Flag):
                    for i in range(low.bit_length() - 1, high.bit_length()):
                        if 2 ** i not in values:
                            missing.append(2 ** i)
                    kind = 'flag'
                else:
                    for v in range(low + 1, high):
                        if v not in values:
                            missing.append(v)
                    kind = 'enum'
                if missing:
                    raise ValueError('invalid %s %r: missing values %s'
                                     % (kind, cls_name, ', '.join(str(v) for v in missing)))
            elif check is NAMED_FLAGS:
                member_names = enumeration._member_names_
                missing_names = []
                missing_value = 0
                for name, alias in enumeration._member_map_.items():
                    if name in member_names:
                        continue
                    if alias.value < 0:
                        continue
                    values = list(_bits_of(alias.value))
                    missed = [v for v in values if v not in enumeration._value2member_map_]
                    if missed:
                        missing_names.append(name)
                        for v in missed:
                            missing_value |= v
                if missing_names:
                    if len(missing_names) == 1:
                        alias = 'alias %s is missing' % missing_names[0]
                    else:
                        alias = 'aliases %s and %s are missing' % (
                            ', '.join(missing_names[:-1]), missing_names[-1])
                    if _is_single_bit(missing_value):
                        value = 'value 0x%x' % missing_value
                    else:
                        value = 'combined values of 0x%x' % missing_value
                    raise ValueError('invalid Flag %r: %s %s [use enum.show_flag_values(value) for details]'
                                     % (cls_name, alias, value))
        return enumeration


def show_flag_values(value):
    return list(_bits_of(value))


def global_enum_repr(self):
    module = self.__class__.__module__.split('.')[-1]
    return '%s.%s' % (module, self._name_)


def global_flag_repr(self):
    module = self.__class__.__module__.split('.')[-1]
    cls_name = self.__class__.__name__
    if self._name_ is None:
        return '%s.%s(%r)' % (module, cls_name, self._value_)
    return '|'.join('%s.%s' % (module, n) for n in self._name_.split('|'))


def global_str(self):
    if self._name_ is None:
        return '%s(%r)' % (self.__class__.__name__, self._value_)
    return self._name_


def global_enum(cls, update_str=False):
    """Decorator: members print as module-level names and are exported into
    the module's namespace."""
    if issubclass(cls, Flag):
        type.__setattr__(cls, '__repr__', global_flag_repr)
    else:
        type.__setattr__(cls, '__repr__', global_enum_repr)
    if not issubclass(cls, ReprEnum) or update_str:
        type.__setattr__(cls, '__str__', global_str)
    _sys.modules[cls.__module__].__dict__.update(cls.__members__)
    return cls


def pickle_by_global_name(self, proto):
    return self.name


def pickle_by_enum_name(self, proto):
    return getattr, (self.__class__, self._name_)


def _simple_enum(etype=Enum, *, boundary=None, use_args=None):
    """Class decorator (CPython's private helper, used by the standard
    library, e.g. re.RegexFlag): makes an enum of base `etype` whose members
    are the plain class's attributes, in definition order."""
    def convert_class(cls):
        metacls = type(etype)
        ns = metacls.__prepare__(cls.__name__, (etype,))
        ns._cls_name = cls.__name__
        for name, value in cls.__dict__.items():
            if name in ('__dict__', '__weakref__'):
                continue
            ns[name] = value
        return metacls(cls.__name__, (etype,), ns, boundary=boundary)
    return convert_class
