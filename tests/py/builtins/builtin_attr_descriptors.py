# Attributes of builtin objects (code, generators, frames, tracebacks, cells,
# builtins, methods, property, complex, range, slice, exceptions): values,
# errors, and the getset/member descriptors on their types (kinds and dir()).
import sys

def err(f):
    try:
        r = f()
        print("ok", repr(r) if not callable(r) else type(r).__name__)
    except Exception as e:
        print(type(e).__name__, e)

def kinds(t, names):
    for n in names:
        d = t.__dict__.get(n)
        print(t.__name__, n, type(d).__name__, n in dir(t))

def f(a, b=2):
    "doc"
    x = 1
    return a

c = f.__code__
print(c.co_name, c.co_qualname, c.co_argcount, c.co_firstlineno > 0, c.co_varnames, c.co_flags & 3)
print(c.co_filename.endswith('.py'))
kinds(type(c), ["co_name", "co_qualname", "co_filename", "co_argcount", "co_firstlineno", "co_varnames", "co_flags"])
err(lambda: setattr(c, "co_name", "x"))
err(lambda: setattr(c, "co_varnames", ()))
err(lambda: c.co_nosuch)

def gen():
    yield 1
    yield 2

g = gen()
print(g.__name__, g.__qualname__, g.gi_running, g.gi_suspended, g.gi_frame is g.gi_frame, g.gi_code is gen.__code__, g.gi_yieldfrom)
next(g)
print(g.gi_suspended, g.gi_running)
g.__name__ = "renamed"
print(g.__name__)
err(lambda: setattr(g, "__name__", 5))
err(lambda: setattr(g, "gi_frame", None))
err(lambda: setattr(g, "gi_code", None))
err(lambda: setattr(g, "gi_running", True))
list(g)
print(g.gi_frame, g.gi_suspended)
kinds(type(g), ["__name__", "__qualname__", "gi_code", "gi_frame", "gi_running", "gi_suspended", "gi_yieldfrom"])

def outer():
    yield from gen()
o = outer()
next(o)
print(type(o.gi_yieldfrom).__name__)

async def coro():
    return 1
co = coro()
print(co.cr_running, co.cr_suspended, co.cr_await, co.cr_code is coro.__code__, co.cr_frame is not None)
kinds(type(co), ["__name__", "__qualname__", "cr_await", "cr_code", "cr_frame", "cr_running", "cr_suspended"])
co.close()

async def agen():
    yield 1
ag = agen()
print(ag.ag_running, ag.ag_await, ag.ag_code is agen.__code__, ag.ag_frame is not None, ag.__name__)
kinds(type(ag), ["__name__", "__qualname__", "ag_await", "ag_code", "ag_frame", "ag_running"])
err(lambda: setattr(ag, "ag_running", True))

try:
    1 / 0
except ZeroDivisionError as e:
    tb = e.__traceback__
print(type(tb).__name__, tb.tb_next, tb.tb_lineno > 0, type(tb.tb_lasti).__name__)
fr = tb.tb_frame
print(type(fr).__name__, fr.f_code.co_name, fr.f_lineno > 0, type(fr.f_lasti).__name__)
kinds(type(tb), ["tb_next", "tb_lineno", "tb_lasti", "tb_frame"])
kinds(type(fr), ["f_code", "f_lineno", "f_lasti", "f_globals", "f_back"])
err(lambda: setattr(tb, "tb_lineno", 3))
err(lambda: setattr(fr, "f_code", 3))
sf = sys._getframe()
print(sf.f_globals is globals(), sf.f_back, sf.f_code.co_name)

def mk():
    v = 1
    def inner():
        return v
    return inner
cell = mk().__closure__[0]
print(cell.cell_contents)
kinds(type(cell), ["cell_contents"])

print(len.__name__, len.__qualname__, len.__self__ is sys.modules['builtins'] or len.__self__ is None)
print([].append.__name__, [].append.__qualname__, type([].append.__self__).__name__)
print(dict.fromkeys.__name__, {}.get.__qualname__)
kinds(type(len), ["__name__", "__qualname__", "__self__", "__module__"])
err(lambda: setattr(len, "__name__", "x"))

class K:
    def m(self):
        "mdoc"
    @staticmethod
    def s():
        pass
    @classmethod
    def cm(cls):
        pass
    @property
    def p(self):
        "pdoc"
        return 1

k = K()
bm = k.m
print(bm.__func__ is K.m, bm.__self__ is k, bm.__name__, bm.__doc__, bm.__qualname__)
kinds(type(bm), ["__func__", "__self__"])
err(lambda: setattr(bm, "__func__", None))
err(lambda: bm.nosuch)
sm = K.__dict__["s"]
cm = K.__dict__["cm"]
print(sm.__func__ is sm.__wrapped__, cm.__func__ is cm.__wrapped__, sm.__isabstractmethod__, cm.__isabstractmethod__)
kinds(staticmethod, ["__func__", "__wrapped__", "__isabstractmethod__"])
kinds(classmethod, ["__func__", "__wrapped__", "__isabstractmethod__"])
p = K.__dict__["p"]
print(p.fget.__name__, p.fset, p.fdel, p.__doc__, p.__isabstractmethod__)
kinds(property, ["fget", "fset", "fdel", "__isabstractmethod__"])
err(lambda: setattr(p, "fget", None))
p2 = property(lambda s: 1, doc="given")
print(p2.__doc__)
p2.__doc__ = "changed"
print(p2.__doc__)

z = 3 + 4j
print(z.real, z.imag, (2.5).real, (2.5).imag)
kinds(complex, ["real", "imag"])
err(lambda: setattr(z, "real", 1.0))
r = range(1, 10, 2)
s = slice(1, None, 3)
print(r.start, r.stop, r.step, s.start, s.stop, s.step)
err(lambda: setattr(r, "start", 0))
err(lambda: setattr(s, "stop", 0))

e = ValueError(1, 2)
print(e.args, e.__traceback__, e.__cause__, e.__context__, e.__suppress_context__)
e.args = [3]
print(e.args)
e.__cause__ = KeyError()
print(type(e.__cause__).__name__, e.__suppress_context__)
err(lambda: setattr(e, "__cause__", 5))
err(lambda: setattr(e, "__context__", 5))
kinds(BaseException, ["args", "__traceback__", "__cause__", "__context__", "__suppress_context__"])
ne = NameError("x", name="nm")
print(ne.name)
ae = AttributeError("x", name="n", obj=5)
print(ae.name, ae.obj)
ie = ImportError("m", name="a", path="p")
print(ie.name, ie.path, ie.msg)
oe = OSError(2, "no", "f1", None, "f2")
print(oe.filename, oe.filename2)
print(StopIteration(7).value, SystemExit(3).code, SystemExit().code)
err(lambda: ValueError().nosuch)
