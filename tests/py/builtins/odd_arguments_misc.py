# Builtins, constructors and descriptors given odd arguments: the
# exception types and messages match CPython 3.11.
import copy
import sys


def attempt(expr):
    try:
        r = eval(expr)
        if type(r).__name__ in ('method', 'builtin_function_or_method', 'function'):
            r = type(r).__name__
        print(expr, '->', repr(r))
    except Exception as e:
        print(expr, '!', type(e).__name__ + ':', e)


def f():
    return 1


def g():
    return 2


class C:
    pass


# None, NotImplemented and Ellipsis and their types
none_repr = None.__repr__
for e in ['none_repr()', 'none_repr(5)', 'type(None)()', 'type(None)(1)', 'type(...)(1)',
          'type(NotImplemented)(1)', 'type(None)(x=1)', 'None.__bool__()',
          'NotImplemented.__reduce__()', 'Ellipsis.__reduce__()', 'None.__eq__(None)',
          'None.__ne__(1)', 'None.__hash__() == hash(None)', 'None.__str__()',
          'None.__format__("")', 'type(None).__repr__(None)', 'type(None).__bool__(None)',
          'None.__doc__', 'NotImplemented.__reduce_ex__(2)', 'Ellipsis.__reduce_ex__(2)',
          'copy.copy(NotImplemented) is NotImplemented', 'copy.deepcopy(...) is ...',
          'copy.copy(None) is None', 'object.__hash__(None) == hash(None)']:
    attempt(e)

# object.__init__ and the static/class method wrappers
for e in ['staticmethod()', 'staticmethod(f, g)', 'staticmethod(f=1)', 'classmethod()',
          'object().__init__(5)', 'object.__init__(object(), x=1)', 'type(None).__init__(None, 1)']:
    attempt(e)
s = staticmethod(f)
s.__init__(g)
print(s.__func__ is g)


class A:
    def __init__(self, x):
        super().__init__()


class B:
    def __new__(cls, *a):
        return super().__new__(cls)


class D:
    def __init__(self, *a):
        super().__init__(*a)


print(type(A(1)).__name__, type(B(1, 2)).__name__)
for e in ['type(D()).__name__', 'D(1)', 'object.__init__(B(), 1)', 'object.__init__(A(1), 1)']:
    attempt(e)


class SM(staticmethod):
    def __init__(self, fn, doc):
        super().__init__(fn)
        self.doc = doc


class K:
    m = SM(lambda: 7, 'd')


print(K.m(), K.__dict__['m'].doc)

# descriptors' __get__, rounding, slices, powers, to_bytes
p = property(lambda s: 1)
sm = staticmethod(len)
cm = classmethod(len)
for e in ['p.__get__(None)', 'p.__get__(None, None)', 'p.__get__(None, C) is p', 'sm.__get__(None)',
          'cm.__get__(None)', 'cm.__get__(5).__self__', 'cm.__get__(None, C).__self__',
          'True.__round__(None)', '(5).__round__(None)', '(5).__round__("a")', '(15).__round__(-1)',
          '(5).__round__(10**30)', 'round(10**30, 10**30)', 'round(5, 2.0)', 'True.__round__()',
          '(7).__round__(True)', 'slice(1, 2).indices(None)', 'slice(1, 2).indices("a")',
          'slice(1, 2).indices(10**30)', 'slice(1, 2).indices(-10**30)', 'slice(1, 2).indices(2.0)',
          'True.__pow__(10**30)', '(-1) ** (10**30 + 1)', '(-1) ** (10**30)', '0 ** (10**30)',
          '1 ** (10**30)', '(5).to_bytes(-3, 5)', '(5).to_bytes(-3, "big")', '(5).to_bytes(10**30)',
          '(5).to_bytes(1, "big", True)', '(5).to_bytes(1, "big", True, 4)',
          'int.from_bytes(b"a", "big", True)', 'int.from_bytes(5)', 'int.from_bytes(True)',
          'int.from_bytes([1, 2])', 'int.from_bytes(b"a", None)']:
    attempt(e)

# __reduce_ex__ protocol checks
for e in ['(lambda: 1).__reduce_ex__("a")', '(x for x in []).__reduce_ex__(10**30)',
          '(x for x in []).__reduce_ex__(2)', 'property().__reduce_ex__(2)']:
    attempt(e)

# constructors
for e in ['bytes("ab", 5)', 'bytearray("ab", 5)', 'bytes("ab", "utf-8", 5)', 'bytes(10**30)',
          'bytearray(10**30)', 'bytes(-10**30)', 'float(5, 5)', 'float("ab", 5)', 'float(x=5)',
          'int(5, 10**30)', 'int("5", 10**30)', 'int("5", -10**30)', 'int("5", "a")',
          'memoryview(b"x", 5)', 'str(b"x", 5)', 'str(b"x", "ascii", 5)', 'str(b"x", None)',
          'bytes("x", errors=None)']:
    attempt(e)

# argument type errors name None as "None"
for e in ['sys.stdout.write(None)', 'type(None, (), {})', 'bytes.fromhex(None)', 'format(1, None)',
          '(1.5).__format__(None)', 'object().__format__(None)', 'type(sys)(None)',
          'memoryview(b"ab").cast(None)']:
    attempt(e)

# format specifiers name bool
for e in ['format(True, "ab")', 'True.__format__("ab")', 'format(True, "s")', 'format(True, "d")',
          'format(True, "")', 'True.__format__(">5")']:
    attempt(e)

# property __set__ / __delete__ without accessors
q = property(lambda s: 1)
for e in ['q.__set__(5, 5)', 'q.__delete__("ab")', 'q.__delete__()']:
    attempt(e)


class HasProp:
    x = property(lambda s: 1)


for stmt in ['HasProp().x = 1', 'del HasProp().x']:
    try:
        exec(stmt)
    except AttributeError as e:
        print(stmt, '!', e)

# round() argument counts
for e in ['round(10**30, 10**30, 10**30)', 'round(1, 2, 3)', 'round(1.5, 2, 3)', 'round()',
          'round(x=1)', 'round(1, 2, x=3)', 'round(number=1.5)', 'round(10**30, 10**30)']:
    attempt(e)
