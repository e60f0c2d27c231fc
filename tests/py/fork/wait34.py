# os.wait3 / os.wait4: (pid, status, rusage); pty.fork on os.forkpty.
import os
import pty
import resource
import sys

sys.stdout.flush()
pid = os.fork()
if pid == 0:
    x = sum(range(100000))
    os._exit(6)
got, status, usage = os.wait4(pid, 0)
print("wait4:", got == pid, os.waitstatus_to_exitcode(status), type(usage).__name__,
      isinstance(usage, resource.struct_rusage), usage.ru_utime >= 0, len(usage))

sys.stdout.flush()
pid = os.fork()
if pid == 0:
    os._exit(2)
got, status, usage = os.wait3(0)
print("wait3:", got == pid, os.waitstatus_to_exitcode(status), usage.ru_maxrss >= 0)

sys.stdout.flush()
pid = os.fork()
if pid == 0:
    import time
    time.sleep(0.2)
    os._exit(0)
print("WNOHANG:", os.wait4(pid, os.WNOHANG)[:2])
print("then:", os.wait4(pid, 0)[1])

for call in (lambda: os.wait3(0), lambda: os.wait4(-1, 0)):
    try:
        call()
    except ChildProcessError as e:
        print("ChildProcessError", e.errno)
for call in (lambda: os.wait3(), lambda: os.wait4(1), lambda: os.wait3("x")):
    try:
        call()
    except TypeError as e:
        print("TypeError", e)

sys.stdout.flush()
pid, fd = pty.fork()
if pid == 0:
    print("hello from the pty child")
    sys.stdout.flush()
    os._exit(0)
data = b""
while True:
    try:
        b = os.read(fd, 1024)
    except OSError:
        break
    if not b:
        break
    data += b
os.close(fd)
_, st = os.waitpid(pid, 0)
print("pty:", data.replace(b"\r\n", b"\n").decode().strip(), os.waitstatus_to_exitcode(st))
