# Errors leaving an import statement lose importlib's own frames, as in
# CPython: the run ending in _call_with_frames_removed for any error, every
# importlib frame for an ImportError. The modules here load through
# importlib (a zip archive on sys.path).
import os
import shutil
import sys
import tempfile
import traceback
import zipfile

tmp = tempfile.mkdtemp()
archive = os.path.join(tmp, "mods.zip")
with zipfile.ZipFile(archive, "w") as z:
    z.writestr("zraise.py", "x = 1\nraise ValueError('inside zraise')\n")
    z.writestr("zmissing.py", "import no_such_module_zz\n")
    z.writestr("zpkg/__init__.py", "from . import inner\n")
    z.writestr("zpkg/inner.py", "def f():\n    return 1 / 0\nf()\n")
sys.path.insert(0, archive)

for name in ["zraise", "zmissing", "zpkg", "not_anywhere"]:
    try:
        __import__(name)
    except Exception:
        text = traceback.format_exc().replace(tmp, "<tmp>")
        print(text)
shutil.rmtree(tmp)
