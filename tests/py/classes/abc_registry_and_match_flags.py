import collections.abc as cabc
class L:
    def __getitem__(s,i):
        if i >= 3: raise IndexError(i)
        return i
    def __len__(s): return 3
match L():
    case [a,b,c]: print('seq')
    case _: print('notseq')
cabc.Sequence.register(L)
match L():
    case [a,b,c]: print('seq', a,b,c)
    case _: print('notseq')
class M(cabc.Mapping):
    def __getitem__(s,k): return 1
    def __len__(s): return 1
    def __iter__(s): return iter('a')
match M():
    case {'a': v}: print('map', v)
class S(str): pass
match S("abc"):
    case [*x]: print("str seq?")
    case _: print("str not seq")
import array
match array.array('i',[1,2]):
    case [x, y]: print('array', x, y)
match memoryview(b'ab'):
    case [x, y]: print('mv', x, y)
class D(dict): pass
match D(a=1):
    case {'a': 1}: print('dict sub')
from collections import UserList, UserDict, OrderedDict, defaultdict
match UserList([1]):
    case [x]: print('userlist', x)
match UserDict(a=2):
    case {'a': x}: print('userdict', x)
class Both(cabc.Sequence): 
    def __getitem__(s,i): raise IndexError
    def __len__(s): return 0
class Q(Both): pass
match Q():
    case []: print('empty seq sub')
try:
    class Bad(metaclass=type(cabc.Sequence)):
        __abc_tpflags__ = (1<<5)|(1<<6)
except TypeError as e: print(e)
print(type(cabc.Sequence).__name__, '__abc_tpflags__' in cabc.Sequence.__dict__)
import abc
print(abc.get_cache_token() >= 0)
class X(abc.ABC): pass
class Y: pass
X.register(Y)
print(issubclass(Y, X), isinstance(Y(), X))
r, c, n, v = abc._get_dump(X) if hasattr(abc, '_get_dump') else (None,)*4
print(len(r), len(c), sorted(type(x).__name__ for x in r))
X._abc_registry_clear()
X._abc_caches_clear()
print(issubclass(Y, X))
try: X.register(3)
except TypeError as e: print(e)
try: Y.register
except AttributeError as e: print('ok')
class Z(X): pass
try: X.register(X)
except RuntimeError as e: print(e)
try: Z.register(X)
except RuntimeError as e: print(e)
import collections, collections.abc
class C: pass
class M1(collections.UserDict, collections.abc.Sequence): pass
class M2(C, collections.UserDict, collections.abc.Sequence): pass
class M3(collections.UserDict, C, list): pass
class M4(dict, collections.abc.Sequence, C): pass
def f(x):
    match x:
        case [*_]: return "seq"
        case {}: return "map"
for m in (M1, M2, M3, M4): print(m.__name__, f(m()))
class S3(collections.UserList, dict, C): pass
print(f(S3()))
import os, time
print(f(os.stat('.')), f(time.localtime()), f(collections.OrderedDict()), f(collections.defaultdict()))
print(f("abc"), f(b"ab"), f(bytearray(b"x")), f(range(3)), f(collections.deque()))
# issubclass/isinstance through an ABC's hooks
import abc
class H(metaclass=abc.ABCMeta):
    @classmethod
    def __subclasshook__(cls, C):
        if cls is H:
            return 'foo' in C.__dict__
        return NotImplemented
print(issubclass(H, H), issubclass(H, (H,)))
class HasFoo: foo = 1
print(issubclass(HasFoo, H), isinstance(HasFoo(), H))
class BadHook(metaclass=abc.ABCMeta):
    @classmethod
    def __subclasshook__(cls, C): return 3
try: issubclass(int, BadHook)
except AssertionError as e: print("AssertionError:", e)
# the abstract protocol: objects with __bases__
class AbstractClass:
    def __init__(self, bases): self.bases = bases
    def getbases(self): return self.bases
    __bases__ = property(getbases)
    def __call__(self): return AbstractInstance(self)
class AbstractInstance:
    def __init__(self, klass): self.klass = klass
    def getclass(self): return self.klass
    __class__ = property(getclass)
AbstractSuper = AbstractClass(bases=())
AbstractChild = AbstractClass(bases=(AbstractSuper,))
print(issubclass(AbstractChild, AbstractSuper), issubclass(AbstractSuper, AbstractChild))
print(isinstance(AbstractChild(), AbstractSuper), isinstance(AbstractSuper(), AbstractChild))
try: issubclass(AbstractChild, 3)
except TypeError as e: print("TypeError:", e)
try: isinstance(1, AbstractInstance(None))
except TypeError as e: print("TypeError:", e)
deep = int
for i in range(100000):
    deep = (deep,)
try: isinstance(1, deep)
except RecursionError as e: print("RecursionError:", e)
# abstract properties: any abstract accessor keeps the class abstract
class P(abc.ABC):
    @property
    @abc.abstractmethod
    def v(self): return 1
    @v.setter
    @abc.abstractmethod
    def v(self, x): pass
class Q(P):
    @P.v.getter
    def v(self): return 2
print(sorted(Q.__abstractmethods__))
try: Q()
except TypeError as e: print("TypeError:", e)
# NewType uses typing's accelerator
import typing
UserId = typing.NewType('UserId', int)
print(UserId(5), type(UserId(5)).__name__)
