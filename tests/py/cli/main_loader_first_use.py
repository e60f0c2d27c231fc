# __main__.__loader__ used before the program imports importlib: its
# attributes, methods, repr, hash, comparisons and dir, for -c, standard
# input and a script; and the same object once importlib is imported.
import os
import subprocess
import sys
import tempfile

DASH_C = [
    # The class itself: its name, a classmethod, repr matching importlib's.
    "n = __loader__.__name__; s = __loader__.find_spec('sys')\n"
    "r = repr(__loader__)\n"
    "import importlib.machinery as m\n"
    "print(n, s.name, s.origin, r == repr(m.BuiltinImporter))\n"
    "print(__loader__ is m.BuiltinImporter, __spec__)",
    # Equality and hashing agree with the real class.
    "x = __loader__; h = hash(x); e = x == x; ne = x != x\n"
    "import importlib.machinery as m\n"
    "print(h == hash(m.BuiltinImporter), e, ne, x == m.BuiltinImporter)",
    # dir, str, format, setting and reading back an attribute.
    "d = dir(__loader__); print('find_spec' in d, 'create_module' in d)\n"
    "print(str(__loader__) == f'{__loader__}')\n"
    "__loader__.probe_attr = 42\n"
    "import importlib.machinery as m\n"
    "print(m.BuiltinImporter.probe_attr)\n"
    "del __loader__.probe_attr\n"
    "print(hasattr(m.BuiltinImporter, 'probe_attr'))",
    # A missing attribute is the real class's AttributeError.
    "try:\n    __loader__.no_such_thing\n"
    "except AttributeError as e:\n    print('AttributeError:', e)",
    # The names of __main__ before anything is imported (ProtoPy makes
    # __annotations__ only for a module with annotations).
    "print(sorted(k for k in globals() if k.startswith('__') and k != '__annotations__'))",
]

SCRIPT = """\
import os
print(type(__loader__).__name__, __loader__.name, os.path.basename(__loader__.path))
print(__loader__.get_source("__main__").splitlines()[0])
print(__loader__.is_package("__main__"), os.path.basename(__loader__.get_filename()))
import importlib.machinery as m
print(isinstance(__loader__, m.SourceFileLoader), __spec__)
"""


def run(*args, stdin=None):
    r = subprocess.run([sys.executable, *args], input=stdin,
                       capture_output=True, text=True)
    print("->", r.returncode)
    for line in r.stdout.splitlines():
        print("  ", line)
    for line in r.stderr.splitlines():
        print("   err:", line)


for src in DASH_C:
    run("-c", src)
run("-", stdin=DASH_C[0])
with tempfile.TemporaryDirectory() as d:
    path = os.path.join(d, "prog.py")
    with open(path, "w") as f:
        f.write(SCRIPT)
    run(path)
