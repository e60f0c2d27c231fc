# The descriptor objects of builtin types: __get__/__set__ with good and
# wrong receivers, __name__/__objclass__, read-only errors, exception fields.
def err(f):
    try:
        r = f()
        print("ok", repr(r) if not callable(r) else type(r).__name__)
    except Exception as e:
        print(type(e).__name__, e)

class MyErr(KeyError):
    pass
m = MyErr("k")
print(m.args, m.__cause__, m.__suppress_context__)
m.args = (1, 2)
print(m.args)
m.extra = 5
print(m.extra, m.__dict__)
err(lambda: ValueError().name)
v = ValueError()
v.name = "given"
print(v.name)
err(lambda: NameError().name)
mn = ModuleNotFoundError("x", name="mod")
print(mn.name, mn.path)
fe = FileNotFoundError(2, "nf", "file")
print(fe.filename, fe.errno, fe.strerror)
fe.filename = "other"
print(fe.filename)
d = BaseException.__dict__["args"]
print(type(d).__name__, d.__name__, d.__objclass__ is BaseException)
print(d.__get__(ValueError(9)))
err(lambda: d.__get__(5))
err(lambda: d.__set__(5, ()))
s = StopIteration(4)
print(s.value)
s.value = 8
print(s.value)
def f(): pass
fc = type(f).__dict__["__code__"]
print(type(fc).__name__, fc.__get__(f) is f.__code__, fc.__name__, fc.__objclass__.__name__)
err(lambda: fc.__get__(1))
gc = type(f.__code__).__dict__["co_name"]
print(type(gc).__name__, gc.__get__(f.__code__))
err(lambda: gc.__set__(f.__code__, "x"))
err(lambda: gc.__get__(3))
def g(): yield
gg = g()
gf = type(gg).__dict__["gi_frame"]
err(lambda: gf.__set__(gg, 1))
err(lambda: gf.__get__([]))
print(sorted(n for n in dir(gg) if n.startswith("gi_")))
print(sorted(n for n in dir(f.__code__) if n in ("co_name", "co_varnames", "co_flags")))
print([n for n in ("__func__", "__self__") if n in dir(type(len))], "__self__" in dir(len))
bi = type(len).__dict__["__name__"]
print(bi.__get__(len), bi.__get__([].append))
err(lambda: bi.__get__(f))
cc = (lambda: gg).__closure__
err(lambda: type(1j).__dict__["real"].__get__(2j + 3))
err(lambda: delattr(1j, "real"))
err(lambda: setattr(len, "__self__", 1))
err(lambda: setattr(ValueError(), "__cause__", 3))
try:
    raise KeyError from ValueError()
except KeyError as ke:
    print(type(ke.__cause__).__name__, ke.__suppress_context__)
err(lambda: (lambda: 0).__code__.co_nosuch)
err(lambda: g().gi_nosuch)
err(lambda: [].append.__func__)
err(lambda: staticmethod(f).__func__ is f)
err(lambda: property().fget)
err(lambda: property.fget)
print(type(property.__dict__['fget']).__name__)
class C:
    __slots__ = ("a",)
md = C.__dict__["a"]
print(md.__name__, md.__objclass__ is C)
