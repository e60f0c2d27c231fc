# os.execv / os.execve in a child started by subprocess (the child's Python
# replaces itself), and their argument errors.
import os
import subprocess
import sys

code = "import os; os.execv('/bin/echo', ['echo', 'replaced', 'by', 'execv'])"
print(subprocess.run([sys.executable, "-c", code], capture_output=True).stdout)
code = ("import os; os.execve('/bin/sh', ['sh', '-c', 'echo $ONLY'], "
        "{'ONLY': 'from execve'})")
print(subprocess.run([sys.executable, "-c", code], capture_output=True).stdout)
code = "import os; os.execvp('echo', ['echo', 'found', 'on', 'PATH'])"
print(subprocess.run([sys.executable, "-c", code], capture_output=True).stdout)


def attempt(label, f):
    try:
        r = f()
    except Exception as e:
        print(label, "->", type(e).__name__, e)
    else:
        print(label, "->", r)


attempt("execv missing", lambda: os.execv("/nonexistent/prog", ["x"]))
attempt("execv argv str", lambda: os.execv("/bin/echo", "echo"))
attempt("execv argv empty", lambda: os.execv("/bin/echo", []))
attempt("execv first empty", lambda: os.execv("/bin/echo", [""]))
attempt("execve env list", lambda: os.execve("/bin/echo", ["echo"], []))
attempt("execve argv empty", lambda: os.execve("/bin/echo", (), {}))
attempt("execve bad name", lambda: os.execve("/bin/echo", ["echo"], {"A=B": "c"}))
attempt("execve missing", lambda: os.execve("/nonexistent/prog", ["x"], {}))
