# How __main__ is set up for each kind of program: its __loader__,
# __spec__, __file__ and sys.path[0], for a script, -c, standard input, a
# directory and a zip archive holding __main__.py, and the errors when
# either has none.
import os
import subprocess
import sys
import tempfile
import zipfile

PROBE = """\
import sys, importlib.machinery
loader = __loader__
if loader is importlib.machinery.BuiltinImporter:
    kind = "BuiltinImporter"
else:
    kind = type(loader).__name__
spec = __spec__
print("loader:", kind, getattr(loader, "name", None))
print("spec:", None if spec is None else (spec.name, type(spec.loader).__name__, spec.parent))
print("file:", os.path.relpath(__file__, ROOT) if "__file__" in globals() else None)
cached = globals().get("__cached__", "unset")
if isinstance(cached, str) and cached.startswith(ROOT):
    cached = os.path.relpath(os.path.dirname(cached), ROOT) + " .pyc: " + str(cached.endswith(".pyc"))
print("package:", __package__, "cached:", cached)
print("path0:", os.path.relpath(sys.path[0], ROOT) if sys.path[0] else repr(sys.path[0]))
print("argv:", [os.path.relpath(a, ROOT) if a.startswith(ROOT) else a for a in sys.argv])
"""


def run(*args, stdin=None):
    r = subprocess.run([sys.executable, *args], input=stdin,
                       capture_output=True, text=True, cwd=ROOT)
    shown = [a if len(a) < 40 else "<probe>" for a in args]
    print("$", " ".join(os.path.relpath(a, ROOT) if a.startswith(ROOT) else a
                        for a in shown), "->", r.returncode)
    for line in r.stdout.splitlines():
        print("  ", line)
    for line in r.stderr.splitlines():
        print("   err:", line.replace(sys.executable, "PY").replace(ROOT, "ROOT"))


with tempfile.TemporaryDirectory() as ROOT:
    ROOT = os.path.realpath(ROOT)
    src = "import os\nROOT = %r\n" % ROOT + PROBE
    script = os.path.join(ROOT, "script.py")
    with open(script, "w") as f:
        f.write(src)
    app = os.path.join(ROOT, "app")
    os.mkdir(app)
    with open(os.path.join(app, "__main__.py"), "w") as f:
        f.write(src)
    archive = os.path.join(ROOT, "app.zip")
    with zipfile.ZipFile(archive, "w") as z:
        z.writestr("__main__.py", src)
    empty = os.path.join(ROOT, "empty")
    os.mkdir(empty)
    nomain = os.path.join(ROOT, "nomain.zip")
    with zipfile.ZipFile(nomain, "w") as z:
        z.writestr("other.py", "pass\n")

    run(script, "a")
    run("-c", src, "b")
    run("-", "c", stdin=src)
    run(app, "d")
    run(archive, "e")
    run("-I", app)
    run(empty)
    run(nomain)
    run(os.path.join(ROOT, "missing"))
