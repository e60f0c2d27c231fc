# A program whose very first import is a Lib module that CPython's start-up
# always imports earlier (genericpath before os, zipimport before importlib's
# set-up) still gets the whole module, in a fresh interpreter each time.
import subprocess
import sys

programs = [
    "import genericpath; print(genericpath.exists('/'), callable(genericpath._splitext))",
    "import zipimport; print(zipimport.zipimporter.__name__, zipimport.ZipImportError.__mro__[1].__name__)",
    "import genericpath, os; print(os.path.splitext('a/b.txt'), genericpath.commonprefix(['abc', 'abd']))",
    "import zipimport, importlib; print(importlib.import_module('json').dumps([1]))",
]
for src in programs:
    r = subprocess.run([sys.executable, "-c", src], capture_output=True, text=True)
    print(r.returncode, r.stdout.strip(), r.stderr.strip().splitlines()[-1:] )
