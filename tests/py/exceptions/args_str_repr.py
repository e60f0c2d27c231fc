# args, str() and repr() of exception instances.
cases = [
    ValueError(),
    ValueError("one"),
    ValueError("a", "b"),
    ValueError(1, [2], None),
    KeyError("key"),
    KeyError(),
    KeyError("a", "b"),
    KeyError(5),
    IndexError("idx"),
    Exception(""),
    Exception(None),
    TypeError(("tuple",)),
    StopIteration(42),
    SystemExit(3),
    OSError(2, "No such file"),
    OSError("just message"),
    BaseException("base"),
    AttributeError("attr"),
    NameError("nm"),
    UnicodeError("u"),
]
for e in cases:
    print(type(e).__name__, "args=" + repr(e.args), "str=" + repr(str(e)), "repr=" + repr(e))

e = ValueError("x")
e.args = ("changed", 2)
print(e, repr(e))
e.args = []
print(e.args, repr(str(e)))

print(StopIteration(7).value, StopIteration().value)
print(SystemExit(4).code, SystemExit().code, SystemExit("m").code, SystemExit(1, 2).code)
ose = OSError(2, "No such file")
print(ose.errno, ose.strerror, ose.filename)
print(type(OSError(2, "x")).__name__)
print(KeyError("k").args[0])

n = NameError("msg", name="varname")
print(n.name, n)
a = AttributeError("msg", name="nm", obj=5)
print(a.name, a.obj, a)

class WithAttrs(Exception):
    pass
w = WithAttrs("message")
w.code = 404
print(w.code, w.args, w)

print(str(Exception("multi\nline")))
print(repr(Exception("quote's")))
print(repr(Exception('dq"')))
ex = Exception("a")
print(ex.__traceback__, ex.__cause__, ex.__context__, ex.__suppress_context__)
print(ex.with_traceback(None) is ex)
