# An unknown or contradictory coding declaration: compile() of bytes names
# the source with line 0 and offset -1; a script file or stdin gives a bare
# "encoding problem" error and exit status 1. (A valid non-UTF-8
# declaration is not run from a pipe here: CPython 3.11 cannot reopen a pipe
# with another encoding and fails there.)
import os
import subprocess
import sys
import tempfile
import traceback

SOURCES = [
    b"#coding: no-such-codec\nprint('ran')\n",
    b"\n# -*- coding: nonsense -*-\nprint('ran')\n",
    b"\xef\xbb\xbf# coding: latin-1\nprint('ran')\n",
    b"# coding: latin-1\nprint('caf\xe9')\n",
]

for src in SOURCES:
    print("source", src[:30])
    try:
        compile(src, "<src>", "exec")
        print("  compiled")
    except SyntaxError as e:
        print("  compile:", e.msg, "|", e.filename, e.lineno, e.offset, e.end_lineno, e.end_offset, e.text)
        print("  str:", str(e))
        print("  ", traceback.format_exception_only(e)[-1].rstrip())
    with tempfile.TemporaryDirectory() as d:
        path = os.path.join(d, "script.py")
        with open(path, "wb") as f:
            f.write(src)
        r = subprocess.run([sys.executable, path], capture_output=True)
        print("  file:", r.returncode, r.stdout.decode("latin-1").strip(), r.stderr.decode().strip().splitlines()[-1:])
    if b"latin-1\nprint('caf" in src:
        continue
    r = subprocess.run([sys.executable, "-"], input=src, capture_output=True)
    print("  stdin:", r.returncode, r.stdout.decode("latin-1").strip(), r.stderr.decode().strip().splitlines()[-1:])
