# Class-specific exception fields: name, obj, path, msg, filename(2).
e = AttributeError("m", name="n", obj=[1])
print(e.name, e.obj, e.args, e.__dict__)
e.name = "changed"
print(e.name)
try:
    AttributeError("x", bogus=1)
except TypeError as t:
    print("TypeError:", t)
try:
    NameError("x", obj=1)
except TypeError as t:
    print("TypeError:", t)
try:
    Exception(a=1)
except TypeError as t:
    print("TypeError:", t)
i = ImportError("msg text", name="mod", path="/p")
print(i.name, i.path, i.msg, str(i), i.args)
print(ImportError().msg, ImportError("a", "b").msg, str(ImportError("a", "b")))
print(ModuleNotFoundError("x", name="y").name)
o = OSError(2, "No such file", "f.txt")
print(o.args, o.errno, o.strerror, o.filename, o.filename2, str(o))
o2 = OSError(2, "x", "a", None, "b")
print(o2.args, o2.filename, o2.filename2, str(o2))
print(OSError(1, 2, 3, 4, 5, 6).args, OSError("just").filename)
print(type(OSError(13, "denied")).__name__)
try:
    import no_such_module_here
except ModuleNotFoundError as m:
    print(m.name, m.path, m.msg)
try:
    from collections import no_such_name
except ImportError as m:
    print(m.name)
try:
    [].nope
except AttributeError as a:
    print(a.name, a.obj)
def f():
    try:
        undefined_thing
    except NameError as n:
        print(n.name, n.args)
f()
class Sub(NameError):
    pass
print(Sub("s", name="q").name)
eg = ExceptionGroup("g", [ValueError(1), TypeError(2)])
print(repr(eg), eg.exceptions, eg.args[1])
print(type(eg.exceptions).__name__)
