# -X frozen_modules: the standard-library modules CPython 3.11 freezes
# (os, stat, codecs, io, abc, posixpath, site, runpy, importlib.util...)
# report FrozenImporter specs, keep their Lib __file__ but no __cached__,
# and their code is named "<frozen NAME>" (tracebacks through them show no
# source line); with =off they are ordinary source modules. zipimport is
# frozen either way. Each case is a fresh interpreter.
import subprocess
import sys

PROBE = r'''
import os, stat, codecs, sys, _imp
import importlib.util
for m in (os, stat, codecs, os.path, importlib.util):
    s = m.__spec__
    print(m.__name__, s.name, s.origin, type(s.loader).__name__ if not isinstance(s.loader, type) else s.loader.__name__,
          s.loader_state, m.__file__, hasattr(m, "__cached__"), s.has_location)
print(os.getenv.__code__.co_filename, codecs.lookup.__module__)
print(importlib.util.find_spec("stat").origin, importlib.util.find_spec("json").origin)
print(_imp.is_frozen("os"), _imp.is_frozen("json"), _imp.is_frozen("zipimport"))
print(_imp.find_frozen("posixpath"), _imp.find_frozen("os.path"))
print([n for n in _imp._frozen_module_names() if not n.startswith("_")][:14])
import inspect
print(inspect.getsourcefile(os) == os.__file__)
os.environ["PROTOPY_SURELY_UNSET"]
'''

for flag in ([], ["-X", "frozen_modules"], ["-X", "frozen_modules=on"],
             ["-X", "frozen_modules="], ["-X", "frozen_modules=off"]):
    r = subprocess.run([sys.executable, *flag, "-c", PROBE], capture_output=True, text=True)
    print("==", flag, "status", r.returncode)
    print(r.stdout, end="")
    print(r.stderr, end="")

r = subprocess.run([sys.executable, "-X", "frozen_modules=maybe", "-c", "print('ran')"],
                   capture_output=True, text=True)
print(r.returncode, repr(r.stdout), r.stderr.strip().splitlines())
