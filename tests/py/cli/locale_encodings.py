# Outside the UTF-8 mode under an ASCII locale (LC_ALL=C or POSIX with
# PYTHONUTF8=0 or -X utf8=0), the file-system encoding and the standard
# streams are ASCII with surrogateescape: command-line arguments, file
# names, the environment, __file__ and os.fsencode/fsdecode escape every
# non-ASCII byte; a -c command with such bytes cannot run. Each case is a
# fresh interpreter in a scratch directory with only the locale variables
# given. In the UTF-8 mode the same bytes decode as UTF-8.
import os
import subprocess
import sys
import tempfile

PROBE = r'''
import locale, os, sys
print(sys.getfilesystemencoding(), sys.getfilesystemencodeerrors(),
      sys.stdout.encoding, sys.stdout.errors, sys.stdin.encoding,
      sys.stdin.errors, sys.stderr.encoding, sys.stderr.errors,
      sys.flags.utf8_mode)
print(ascii(sys.argv[1:]), ascii(os.path.basename(__file__)))
print(ascii(sorted(os.listdir("."))), ascii(sorted(os.listdir(b"."))))
print(ascii(os.environ.get("PROBE_VAR")), ascii(os.environb.get(b"PROBE_VAR")))
print(ascii(os.fsdecode(b"a\xe9\xff")), os.fsencode("a\udce9\udcff"))
try:
    os.fsencode("\xe9")
except UnicodeEncodeError as e:
    print("fsencode:", e.encoding, e.start, e.end, e.reason)
name = sorted(os.listdir("."))[0]
with open(name) as f:
    print("opened", ascii(name), ascii(os.path.basename(f.name)))
print(os.path.exists(name), os.path.exists(os.fsencode(name)))
try:
    print("\xe9")
except UnicodeEncodeError as e:
    print("print:", e.encoding, e.reason)
sys.stdout.flush()
sys.stdout.buffer.write(("\udce9\n").encode(sys.stdout.encoding, sys.stdout.errors))
sys.stdout.flush()
print("caf\xe9", file=sys.stderr)
'''

def run(args, env_extra, cwd, stdin=None):
    env = {k: v for k, v in os.environ.items()
           if not k.startswith(("LC_", "PYTHON")) and k != "LANG"}
    env.update(env_extra)
    env["PROBE_VAR"] = "\xfc"
    r = subprocess.run([sys.executable, *args], env=env, capture_output=True,
                       cwd=cwd, input=stdin)
    return r

CASES = [
    ([], {"LC_ALL": "C", "PYTHONUTF8": "0"}),
    ([], {"LC_ALL": "POSIX", "PYTHONUTF8": "0"}),
    (["-X", "utf8=0"], {"LC_ALL": "C"}),
    ([], {"LC_ALL": "C"}),
    ([], {"LC_ALL": "C.UTF-8", "PYTHONUTF8": "0"}),
]

with tempfile.TemporaryDirectory() as d:
    with open(os.path.join(d, "probe_\xe9.py"), "w", encoding="utf-8") as f:
        f.write(PROBE)
    open(os.path.join(d, "ab\u20ac.txt"), "w").close()
    for args, env in CASES:
        print("==", args, env)
        r = run([*args, "probe_\xe9.py", "h\xe9\u20ac", "x"], env, d)
        print(r.returncode)
        print(r.stdout.decode("ascii", "backslashreplace"), end="")
        print(r.stderr.decode("ascii", "backslashreplace"), end="")
    # A -c command with bytes the encoding cannot decode, and input()
    # reading non-ASCII bytes from a pipe.
    for args, env in CASES[:1] + CASES[3:]:
        print("== -c", args, env)
        r = run([*args, "-c", "print('\xe9')"], env, d)
        print(r.returncode, r.stdout, r.stderr.decode("ascii", "backslashreplace"))
        r = run([*args, "-c", "print('ok', 'h\xe9\u20ac!')"], env, d)
        print(r.returncode, r.stdout, r.stderr.decode("ascii", "backslashreplace"))
        r = run([*args, "-c", "s = input(); print(ascii(s), len(s))"], env, d,
                stdin="z\xe9\n".encode("utf-8"))
        print(r.returncode, r.stdout, r.stderr.decode("ascii", "backslashreplace"))
