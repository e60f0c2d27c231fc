# The standard streams as CPython's start-up makes them, checked in child
# processes whose stdout and stderr are pipes (so the buffering, the
# ordering of stdout against stderr and the exit-time flush show).
import os
import subprocess
import sys

BASE = {k: v for k, v in os.environ.items()
        if k not in ("PYTHONUNBUFFERED", "PYTHONIOENCODING", "PYTHONUTF8")}
BASE["LC_ALL"] = "C.UTF-8"


def run(code, *opts, env=None, merge=False, stdin=subprocess.DEVNULL, input=None):
    e = dict(BASE)
    e.update(env or {})
    r = subprocess.run([sys.executable, *opts, "-c", code], env=e, input=input,
                       stdin=None if input is not None else stdin,
                       stdout=subprocess.PIPE,
                       stderr=subprocess.STDOUT if merge else subprocess.PIPE)
    return r


def show(title, r):
    print("--", title, "exit", r.returncode)
    for line in r.stdout.decode("utf-8", "backslashreplace").splitlines():
        print("  out:", line)
    if r.stderr:
        for line in r.stderr.decode("utf-8", "backslashreplace").splitlines():
            print("  err:", line)


ATTRS = r'''
import sys, io
for name in ("stdin", "stdout", "stderr"):
    s = getattr(sys, name)
    print(name, type(s).__name__, s.name, s.mode, s.encoding, s.errors,
          s.line_buffering, s.write_through, type(s.buffer).__name__,
          s.fileno(), s.isatty(), s is getattr(sys, "__%s__" % name))
print(isinstance(sys.stdout, io.TextIOBase), isinstance(sys.stdout.buffer, io.BufferedIOBase))
print(repr(sys.stdout), repr(sys.stdin.buffer))
raw = sys.stdout.buffer.raw if hasattr(sys.stdout.buffer, "raw") else sys.stdout.buffer
print(type(raw).__name__, raw.name, raw.mode, raw.closefd)
'''
show("attributes", run(ATTRS))
show("attributes -u", run(ATTRS, "-u"))
show("attributes PYTHONUNBUFFERED", run(ATTRS, env={"PYTHONUNBUFFERED": "1"}))
show("attributes PYTHONIOENCODING latin-1:replace",
     run(ATTRS, env={"PYTHONIOENCODING": "latin-1:replace"}))
show("attributes PYTHONIOENCODING :ignore", run(ATTRS, env={"PYTHONIOENCODING": ":ignore"}))
show("attributes PYTHONIOENCODING koi8_r (strict)", run(ATTRS, env={"PYTHONIOENCODING": "koi8_r"}))
show("attributes POSIX locale", run(ATTRS, env={"LC_ALL": "POSIX"}))
show("attributes -E ignores PYTHONIOENCODING", run(ATTRS, "-E", env={"PYTHONIOENCODING": "ascii"}))

ORDER = r'''
import sys
print("out 1")
print("err 1", file=sys.stderr)
sys.stdout.write("out 2\n")
sys.stderr.write("err 2 (no newline yet)")
sys.stderr.write(" done\n")
print("out 3")
'''
show("buffered stdout after stderr", run(ORDER, merge=True))
show("-u keeps the order", run(ORDER, "-u", merge=True))
show("flush=True keeps the order", run(ORDER.replace('print("out 1")', 'print("out 1", flush=True)'), merge=True))

show("exception: traceback before buffered output",
     run('print("before")\nraise ValueError("boom")', merge=True))
show("sys.exit with a message", run('print("before")\nimport sys\nsys.exit("bye")', merge=True))
show("sys.exit(3)", run('print("a"); import sys; sys.stdout.write("b\\n"); sys.exit(3)'))

show("bytes through .buffer", run(r'''
import sys
sys.stdout.write("text ")
sys.stdout.flush()
sys.stdout.buffer.write(b"bytes \xc3\xa9\n")
sys.stdout.buffer.flush()
print("after")
'''))

show("encodings of the output", run(r'''
import sys
print("caf\xe9 \u20ac \udcff")
''', env={"PYTHONIOENCODING": "latin-1:backslashreplace"}))
show("strict output error", run(r'''
import sys
try:
    print("\u20ac")
    sys.stdout.flush()
except UnicodeEncodeError as e:
    print("UnicodeEncodeError", e.reason, file=sys.stderr)
print("still here")
''', env={"PYTHONIOENCODING": "ascii:strict"}))
show("stderr backslashreplace", run(r'''
import sys
print("\u20ac \udcff", file=sys.stderr)
''', env={"PYTHONIOENCODING": "ascii"}))

show("reconfigure", run(r'''
import sys
sys.stdout.reconfigure(line_buffering=True)
print(sys.stdout.line_buffering)
print("out")
print("err", file=sys.stderr)
sys.stdout.reconfigure(encoding="latin-1", errors="replace")
print(sys.stdout.encoding, sys.stdout.errors, "\u20ac\xe9")
try:
    sys.stdout.reconfigure(newline="x")
except ValueError as e:
    print("ValueError", e)
''', merge=True))

show("TextIOWrapper over sys.stdout.buffer", run(r'''
import io, sys
w = io.TextIOWrapper(sys.stdout.buffer, encoding="utf-16-le", write_through=True)
w.write("hi\n")
w.flush()
w.detach()
print("plain again")
''', merge=True))

show("detach", run(r'''
import sys
b = sys.stdout.detach()
b.write(b"through the buffer\n")
try:
    print("x")
except ValueError as e:
    b.write(("ValueError " + str(e) + "\n").encode())
b.flush()
'''))

show("stdin lines", run(r'''
import sys
print(repr(input()))
print(repr(input("prompt: ")))
print(repr(sys.stdin.readline()))
print(repr(sys.stdin.buffer.read()))
try:
    input()
except EOFError as e:
    print("EOFError", e)
''', input=b"first\nsecond\nthird\n"))

show("stdin all", run(r'''
import sys
data = sys.stdin.read()
print(len(data), repr(data[:12]), sys.stdin.read() == "")
''', input="\u00e9t\u00e9\r\nline\n".encode() * 3))

show("stdin invalid utf-8 (surrogateescape)", run(r'''
import sys
print(ascii(sys.stdin.readline()))
''', input=b"ok \xff\xfe\n"))

show("sys.stdout None", run(r'''
import sys
sys.stdout = None
print("nothing")
sys.stderr.write("err ok\n")
'''))
show("sys.stdout replaced", run(r'''
import io, sys
buf = io.StringIO()
sys.stdout = buf
print("captured", 1, 2, sep="-")
sys.stdout = sys.__stdout__
print(repr(buf.getvalue()))
'''))
show("displayhook", run(r'''
import sys
sys.displayhook(42)
sys.displayhook(None)
sys.displayhook("s")
print(_)
''', merge=True))

# Closed standard descriptors at start-up give None streams.
def closed(redir, code):
    r = subprocess.run(["/bin/sh", "-c", 'exec "$@" ' + redir, "sh", sys.executable, "-c", code],
                       stdin=subprocess.DEVNULL, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                       env=BASE)
    return r.returncode, r.stdout.decode().strip(), r.stderr.decode().strip()


print("-- closed stdin:", closed("<&-", """
import sys
print(sys.stdin, sys.__stdin__)
try:
    input()
except RuntimeError as e:
    print("RuntimeError", e)
"""))
print("-- closed stdout:", closed(">&-", """
import sys, os
print('lost')
os.write(2, repr(sys.stdout).encode() + b'\\n')
"""))
print("-- closed stderr:", closed("2>&-", """
import sys
print(sys.stderr)
raise ValueError('nowhere to go')
"""))

# A reader that goes away: BrokenPipeError, and nothing is left for the
# flush at exit. The writer starts only once the reader has closed its end.
# Otherwise a reader stalled while the pipe fills leaves the writer blocked
# mid-write: the write returns short at the close, the rest stays buffered,
# and the flush at exit fails again (exit 120, in CPython as in ProtoPy).
p = subprocess.Popen([sys.executable, "-c", r'''
import sys
print("ready", flush=True)
sys.stdin.readline()
try:
    for i in range(100000):
        print(i)
except BrokenPipeError as e:
    sys.stderr.write("BrokenPipeError %d\n" % e.errno)
    sys.exit(7)
'''], stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=BASE)
p.stdout.read(6)
p.stdout.close()
p.stdin.write(b"go\n")
p.stdin.close()
err = p.stderr.read().decode()
print("-- broken pipe:", p.wait(), [l for l in err.splitlines() if "BrokenPipe" in l and "Errno" not in l][:1],
      "Exception ignored" in err)
