# Audit events the runtime raises: compile/exec, attribute access to code
# and frames, special attribute writes, marshal, files and os calls.
import marshal
import os
import sys
import tempfile

WATCH = {
    "compile", "exec", "object.__getattr__", "object.__setattr__",
    "marshal.dumps", "marshal.loads", "marshal.load", "sys._getframe",
    "open", "os.mkdir", "os.rename", "os.remove", "os.rmdir", "os.listdir",
    "os.scandir", "os.chmod", "os.chdir", "os.truncate", "os.putenv",
    "os.unsetenv", "os.symlink", "os.link", "os.utime",
    "sys.settrace", "sys.setprofile", "gc.get_referents",
}
seen = []
base = None
TMP = tempfile.gettempdir()


def show(v):
    if isinstance(v, str) and base and v.startswith(base):
        return "<tmp>" + v[len(base):]
    if isinstance(v, str) and v.startswith(TMP):
        return "<a temporary path>"
    if isinstance(v, bytes) and len(v) > 8:
        return ("bytes", len(v))
    if isinstance(v, (int, str, bytes, tuple, type(None))):
        return v
    return type(v).__name__


def hook(event, args):
    if event in WATCH:
        seen.append((event, tuple(show(a) for a in args)))


def report(title):
    print(title)
    for e in seen:
        print("  ", e)
    seen.clear()


sys.addaudithook(hook)

eval("1 + 2")
exec(compile("x = 1", "named.py", "exec"))
report("compile/exec")


def f():
    return sys._getframe()


fr = f()
fr.f_code
f.__code__
try:
    1 / 0
except ZeroDivisionError as e:
    e.__traceback__.tb_frame


def g():
    yield 1


gen = g()
gen.gi_code
gen.gi_frame
report("reads")


class A:
    pass


class B:
    pass


class C(A):
    pass


C.__name__ = "D"
C.__bases__ = (B,)
C.plain = 1
obj = A()
obj.__class__ = B
f.__code__ = g.__code__
report("writes")

data = marshal.dumps((1, "a"))
marshal.loads(data)
with tempfile.TemporaryFile() as fh:
    marshal.dump([2], fh)
    fh.seek(0)
    marshal.load(fh)
seen[:] = [s for s in seen if s[0].startswith("marshal")]
report("marshal")

with tempfile.TemporaryDirectory() as d:
    base = d
    p = os.path.join(d, "a.txt")
    with open(p, "w") as fh:
        fh.write("hello")
    fd = os.open(p, os.O_RDONLY)
    os.close(fd)
    os.mkdir(os.path.join(d, "sub"), 0o755)
    os.rename(p, os.path.join(d, "b.txt"))
    os.chmod(os.path.join(d, "b.txt"), 0o644)
    os.truncate(os.path.join(d, "b.txt"), 2)
    os.utime(os.path.join(d, "b.txt"), (1, 2))
    os.symlink(os.path.join(d, "b.txt"), os.path.join(d, "l"))
    os.link(os.path.join(d, "b.txt"), os.path.join(d, "h"))
    sorted(os.listdir(d))
    with os.scandir(d) as it:
        list(it)
    os.remove(os.path.join(d, "l"))
    os.rmdir(os.path.join(d, "sub"))
    os.putenv("PROTOPY_AUDIT_DEMO", "1")
    os.unsetenv("PROTOPY_AUDIT_DEMO")
    # open's flags are platform values: only their presence is shown.
    seen[:] = [(e, a[:2] + (("flags",) if e == "open" else a[2:])) for e, a in seen]
    report("files and os")
    base = None

sys.settrace(None)
sys.setprofile(None)
import gc
gc.get_referents([1])
report("others")

ids = []
sys.addaudithook(lambda e, a: ids.append(a[0]) if e == "builtins.id" else None)
print(id(hook) == ids[-1])


def veto_open(event, args):
    if event == "open" and str(args[0]).endswith("forbidden.txt"):
        raise PermissionError("audit hook refused " + os.path.basename(str(args[0])))


sys.addaudithook(veto_open)
try:
    open("forbidden.txt", "w")
except PermissionError as e:
    print("PermissionError:", e)
print(os.path.exists("forbidden.txt"))
seen.clear()
