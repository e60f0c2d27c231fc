# -X importtime and PYTHONPROFILEIMPORTTIME: a header, then one line per
# module loaded, children before their parent and indented two spaces per
# level, self time no larger than the cumulative time; a module imported
# again prints nothing. Run with -S -I so that start-up imports the same
# few modules under both interpreters (what they are is not compared).
# PYTHONPROFILEIMPORTTIME is read unless -I (or -E) is given.
import os
import re
import subprocess
import sys

LINE = re.compile(r"^import time: +(\d+) \| +(\d+) \| ( *)(\S+)$")

def report(args, env=None, isolated=True):
    flags = ["-S", "-I"] if isolated else ["-S", "-s"]
    r = subprocess.run([sys.executable, *flags, *args], capture_output=True, text=True,
                       env=env)
    lines = r.stderr.splitlines()
    print("exit", r.returncode, "stdout", r.stdout.strip())
    print("header:", lines[0] if lines else None)
    rows = []
    for ln in lines[1:]:
        m = LINE.match(ln)
        if not m:
            print("odd line:", ln)
            continue
        self_us, cum_us, indent, name = int(m[1]), int(m[2]), len(m[3]), m[4]
        rows.append((name, indent // 2, self_us <= cum_us))
    wanted = {"json", "json.decoder", "json.scanner", "json.encoder"}
    print([r for r in rows if r[0] in wanted])
    print("all self <= cumulative:", all(r[2] for r in rows))
    print("json last:", rows[-1][0] if rows else None)

report(["-X", "importtime", "-c", "import json; import json; print('done')"])
env = dict(os.environ, PYTHONPROFILEIMPORTTIME="1")
report(["-c", "import json.decoder"], env=env, isolated=False)
report(["-c", "import json.decoder"], env=env)  # -I ignores the variable
r = subprocess.run([sys.executable, "-S", "-c", "import json"], capture_output=True, text=True)
print("without the option:", repr(r.stderr))
