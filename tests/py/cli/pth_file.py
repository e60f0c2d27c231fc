# A `._pth` file beside the executable (EXECUTABLE._pth) sets sys.path to
# its lines, each joined to the file's folder and normalised; comments and
# blank lines are skipped; it implies -I (PYTHONPATH ignored, no program
# folder on sys.path) and no `site` unless it has an `import site` line
# (which then adds the user site: the isolation leaves it alone).
import os
import subprocess
import sys
import tempfile

PROBE = r"""
import sys, os
d = os.path.dirname(sys.executable)
print("no_site:", sys.flags.no_site, "isolated:", sys.flags.isolated,
      "ignore_environment:", sys.flags.ignore_environment, "safe_path:", sys.flags.safe_path)
print("site loaded:", "site" in sys.modules)
def show(p):
    if os.path.isfile(os.path.join(p, "os.py")):
        return "<lib>"
    if p == os.path.dirname(d) or p.startswith(d):
        return os.path.relpath(p, d)
    return None
print("path:", [show(p) for p in sys.path if show(p)])
import json
print("stdlib import:", json.dumps([1]))
"""

lib = os.path.dirname(os.__file__)
with tempfile.TemporaryDirectory() as tmp:
    tmp = os.path.realpath(tmp)
    exe = os.path.join(tmp, os.path.basename(sys.executable))
    os.symlink(sys.executable, exe)
    os.mkdir(os.path.join(tmp, "sub"))
    env = dict(os.environ, PYTHONPATH=os.path.join(tmp, "from-env"))
    for extra in ([], ["import site"]):
        with open(exe + "._pth", "w") as f:
            f.write("\n".join(["# comment", "sub", "./sub/../other  # trailing", "",
                               lib, "..", *extra]) + "\n")
        print("--", extra)
        r = subprocess.run([exe, "-c", PROBE], capture_output=True, text=True,
                           env=env, cwd=tmp)
        print(r.stdout, end="")
        print(r.stderr, end="")
    # Without the ._pth file the link behaves as the interpreter.
    os.unlink(exe + "._pth")
    r = subprocess.run([exe, "-S", "-c", "import sys; print(sys.flags.isolated, len(sys.path) > 1)"],
                       capture_output=True, text=True)
    print("no file:", r.stdout.strip(), r.stderr)
