# marshal round trips of code objects (nested functions, closures,
# generators, comprehensions, classes, async functions, constants of every
# kind), and marshal's errors on bad input.
import asyncio
import io
import marshal

SRC = '''
import sys
BIG = 2 ** 100
NEG = -12345678901234567890
CONSTS = (None, True, False, ..., 1.5, -0.0, 2j, b"bytes", "str", "h\\u00e9llo", ("t", 1), frozenset({1, 2}))

def counter(start=0, *, step=1):
    n = start
    def inc():
        nonlocal n
        n += step
        return n
    return inc

def squares(n):
    for i in range(n):
        yield i * i

def comps(xs):
    return ([x for x in xs if x % 2], {x: x * x for x in xs}, {x % 3 for x in xs}, sum(x for x in xs))

class Base:
    def who(self):
        return "Base"

class Child(Base):
    label = "child"
    def who(self):
        return "Child>" + super().who()

async def twice(x):
    return x * 2

def catches():
    try:
        1 / 0
    except ZeroDivisionError as e:
        return type(e).__name__
    finally:
        pass

def matcher(v):
    match v:
        case [a, b]:
            return "pair", a, b
        case {"k": k}:
            return "key", k
        case _:
            return "other"

lam = lambda *a, **k: (a, sorted(k))
'''

code = compile(SRC, "marshalled.py", "exec")
data = marshal.dumps(code)
print(type(data).__name__, len(data) > 100)
back = marshal.loads(data)
print(type(back).__name__, back.co_name, back.co_filename, back.co_firstlineno)
ns = {"__name__": "marshalled"}
exec(back, ns)
print(ns["BIG"], ns["NEG"])
print(ns["CONSTS"])
inc = ns["counter"](10, step=5)
print(inc(), inc(), sorted(inc.__code__.co_freevars), sorted(ns["counter"].__code__.co_cellvars))
print(list(ns["squares"](5)))
print(ns["comps"]([1, 2, 3, 4, 5]))
print(ns["Child"]().who(), ns["Child"].label)
print(asyncio.run(ns["twice"](21)))
print(ns["catches"]())
print(ns["matcher"]([1, 2]), ns["matcher"]({"k": 9}), ns["matcher"](3))
print(ns["lam"](1, 2, z=3, a=4))

# A function's own code object, and code inside containers.
def outer(a):
    def inner(b):
        return a + b
    return inner
c = marshal.loads(marshal.dumps(outer.__code__))
print(c.co_name, c.co_argcount, c.co_varnames[:1])
t = marshal.loads(marshal.dumps((outer.__code__, [1, {"k": outer.__code__}])))
print(type(t[0]).__name__, type(t[1][1]["k"]).__name__)
def clone(a):
    pass
clone.__code__ = c
print(clone(4)(5))

# dump/load through a file, with a value after the code.
buf = io.BytesIO()
marshal.dump(code, buf)
marshal.dump("after", buf)
buf.seek(0)
print(type(marshal.load(buf)).__name__, marshal.load(buf))

# Truncated data is an EOFError at every cut.
kinds = set()
for cut in range(0, len(data), max(1, len(data) // 97)):
    try:
        marshal.loads(data[:cut])
        kinds.add("loaded")
    except Exception as e:
        kinds.add(type(e).__name__)
print("truncated:", sorted(kinds))

# Errors.
for bad in [b"", b"c", b"\xff", b"N\x00"]:
    try:
        print(repr(marshal.loads(bad)))
    except Exception as e:
        print(type(e).__name__)
for obj in [outer, print, object(), io.BytesIO()]:
    try:
        marshal.dumps(obj)
    except Exception as e:
        print(type(e).__name__, e)
try:
    marshal.loads("text")
except Exception as e:
    print(type(e).__name__)
