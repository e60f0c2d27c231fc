# Code loaded from a module's cache file behaves as freshly compiled code:
# functions defined but not yet called have their names, qualnames,
# docstrings, defaults and signatures; a nested code object is the same
# object in its parent's co_consts and in the function made from it; code
# attributes, tracebacks, closures, generators, class bodies and methods
# that were never called before all work, in a second process that reads
# the cache file the first one wrote.
import importlib.util
import os
import tempfile

from _helpers import run, write

SRC = '''"""Module doc."""
import sys

def plain(a, b=2, *rest, k=3, **kw):
    """Plain's doc."""
    return a + b + k + len(rest) + len(kw)

def undocumented():
    return 1

def outer(x):
    """Outer."""
    def inner(y):
        """Inner."""
        return x + y
    return inner

def counter(n):
    for i in range(n):
        yield i * i

def fails(d):
    return d["missing"]

class Shape:
    """A shape."""
    sides = 0
    def area(self):
        """Area."""
        raise NotImplementedError
    @property
    def name(self):
        return type(self).__name__.lower()
    class Inner:
        def deep(self):
            return "deep"

class Square(Shape):
    sides = 4
    def __init__(self, s):
        self.s = s
    def area(self):
        return self.s * self.s

lam = lambda q, r=5: q * r
comp = [c * 2 for c in "ab"]
'''

PROBE = r'''
import cmod, types, traceback, inspect
print(cmod.__doc__, cmod.plain.__doc__, cmod.undocumented.__doc__)
print(cmod.plain.__name__, cmod.plain.__qualname__, cmod.plain.__defaults__, cmod.plain.__kwdefaults__)
print(inspect.signature(cmod.plain), inspect.signature(cmod.lam))
c = cmod.plain.__code__
print(c.co_name, c.co_argcount, c.co_kwonlyargcount, c.co_varnames, c.co_flags & 0xC)
print(cmod.plain(1, 2, 3, 4, k=5, z=6))
inner_code = [k for k in cmod.outer.__code__.co_consts if isinstance(k, types.CodeType)][0]
f = cmod.outer(10)
print(f.__code__ is inner_code, f.__qualname__, f.__doc__, f(5), f.__closure__[0].cell_contents)
print(inner_code.co_freevars, inner_code.co_qualname)
print(list(cmod.counter(4)), cmod.counter.__code__.co_flags & 0x20 != 0)
print(cmod.Shape.__doc__, cmod.Shape.area.__doc__, cmod.Square(3).area(), cmod.Square(2).name)
print(cmod.Shape.Inner().deep(), cmod.Shape.Inner.deep.__qualname__)
print(cmod.lam(2), cmod.comp)
try:
    cmod.fails({})
except KeyError:
    tb = traceback.format_exc().splitlines()
    print(tb[-3].strip(), tb[-2].strip(), tb[-1])
print(list(cmod.undocumented.__code__.co_lines())[-1][2])
print(c.co_positions is not None, hash(c) == hash(cmod.plain.__code__))
'''

with tempfile.TemporaryDirectory() as d:
    write(os.path.join(d, "cmod.py"), SRC)
    first = run(d, PROBE)
    print("compiled:", first[1], first[2])
    print(first[0])
    pyc = importlib.util.cache_from_source(os.path.join(d, "cmod.py"))
    print("cache written:", os.path.exists(pyc))
    second = run(d, PROBE)
    print("cached:", second[1], second[2])
    print("same output:", second[0] == first[0])
