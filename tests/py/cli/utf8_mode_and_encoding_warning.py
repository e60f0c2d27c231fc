# The UTF-8 mode (PEP 540) as -X utf8, PYTHONUTF8 and the locale set it,
# what a default or "locale" text encoding then means, and
# -X warn_default_encoding's EncodingWarning. Each case is a fresh
# interpreter with only the locale variables given.
import os
import subprocess
import sys
import tempfile

PROBE = r'''
import io, locale, sys
print(sys.flags.utf8_mode, locale.getpreferredencoding(False),
      open("/dev/null").encoding, open("/dev/null", encoding="locale").encoding,
      io.TextIOWrapper(io.BytesIO()).encoding,
      io.TextIOWrapper(io.BytesIO(), encoding="locale").encoding,
      io.text_encoding(None), io.text_encoding("latin-1"),
      locale.setlocale(locale.LC_CTYPE))
'''

def run(args, env_extra, prog=PROBE, cwd=None):
    env = {k: v for k, v in os.environ.items()
           if not k.startswith(("LC_", "PYTHON")) and k != "LANG"}
    env.update(env_extra)
    r = subprocess.run([sys.executable, *args, "-c", prog], env=env,
                       capture_output=True, text=True, cwd=cwd)
    return r

CASES = [
    ([], {"LANG": "C.UTF-8"}),
    ([], {"LANG": "C.UTF-8", "PYTHONUTF8": "1"}),
    (["-X", "utf8"], {"LANG": "C.UTF-8"}),
    (["-X", "utf8=1"], {"LANG": "C.UTF-8"}),
    (["-X", "utf8=0"], {"LANG": "C.UTF-8", "PYTHONUTF8": "1"}),
    (["-E"], {"LANG": "C.UTF-8", "PYTHONUTF8": "1"}),
    (["-I"], {"LANG": "C.UTF-8", "PYTHONUTF8": "1"}),
    ([], {}),
    ([], {"LANG": "xx_XX.UTF-8"}),
    ([], {"LC_ALL": "C"}),
    ([], {"LC_ALL": "POSIX"}),
    ([], {"LC_CTYPE": "C", "LANG": "C.UTF-8"}),
    ([], {"LC_ALL": "C", "PYTHONUTF8": "0"}),
    (["-X", "utf8=0"], {"LC_ALL": "C"}),
    ([], {"LC_ALL": "C.UTF-8", "LANG": "C"}),
]
for args, env in CASES:
    r = run(args, env)
    print(args, env, "->", r.returncode, r.stdout.strip(), r.stderr.strip())

# Invalid values are fatal errors at start-up.
for args, env in [(["-X", "utf8=2"], {}), (["-X", "utf8="], {}),
                  ([], {"PYTHONUTF8": "yes"}), (["-X", "utf8=1"], {"PYTHONUTF8": "x"})]:
    r = run(args, env, "print('ran')")
    print(args, env, "->", r.returncode, repr(r.stdout), r.stderr.strip().splitlines())

# EncodingWarning: where encoding is left to its default, blaming the
# caller (io.text_encoding's stacklevel counts from its caller's caller).
WARN = r'''
import io, os, sys, tempfile, warnings
warnings.simplefilter("always")
p = os.path.join(tempfile.mkdtemp(), "f.txt")
with open(p, "w") as f:
    f.write("x")
with open(p, encoding="utf-8") as f: pass
with open(p, encoding="locale") as f: pass
with open(p, "rb") as f: pass
t = io.TextIOWrapper(io.BytesIO(b"abc"))
def helper(encoding=None):
    return io.text_encoding(encoding)
helper()
helper("ascii")
def deeper():
    return io.text_encoding(None, 3)
def outer():
    return deeper()
outer()
import pathlib
pathlib.Path(p).read_text()
pathlib.Path(p).write_text("y", encoding="utf-8")
print("flag", sys.flags.warn_default_encoding)
'''
for args, env in [(["-X", "warn_default_encoding"], {"LANG": "C.UTF-8"}),
                  ([], {"LANG": "C.UTF-8", "PYTHONWARNDEFAULTENCODING": "1"}),
                  (["-E"], {"LANG": "C.UTF-8", "PYTHONWARNDEFAULTENCODING": "1"}),
                  ([], {"LANG": "C.UTF-8"})]:
    r = run(args, env, WARN)
    print(args, env, "->", r.returncode, r.stdout.strip())
    for line in r.stderr.splitlines():
        print("   ", line)
# -W error turns the warning into the exception.
r = run(["-X", "warn_default_encoding", "-W", "error::EncodingWarning"],
        {"LANG": "C.UTF-8"}, "open('/dev/null')\nprint('not reached')")
print(r.returncode, repr(r.stdout), r.stderr.strip().splitlines()[-1])
