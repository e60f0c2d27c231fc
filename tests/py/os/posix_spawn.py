# os.posix_spawn and os.posix_spawnp: file actions, attributes, the
# environment, and their argument errors.
import os
import signal
import sys
import tempfile

tmp = tempfile.mkdtemp()
out = os.path.join(tmp, "out.txt")


def wait(pid):
    _, status = os.waitpid(pid, 0)
    return os.waitstatus_to_exitcode(status)


# Environment and file actions: the child's stdout goes to a file.
pid = os.posix_spawn(
    "/bin/sh",
    ["/bin/sh", "-c", "echo value=$SPAWN_VALUE"],
    {"SPAWN_VALUE": "forty-two", "PATH": os.environ.get("PATH", "")},
    file_actions=[
        (os.POSIX_SPAWN_OPEN, 1, out, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    ],
)
print("exit", wait(pid))
with open(out) as f:
    print(f.read().strip())

# posix_spawnp searches PATH; DUP2 and CLOSE actions.
fd = os.open(out, os.O_WRONLY | os.O_TRUNC)
pid = os.posix_spawnp(
    "sh",
    ["sh", "-c", "echo dup2; exec 0<&-; cat 2>/dev/null || echo stdin-closed"],
    os.environ,
    file_actions=[(os.POSIX_SPAWN_DUP2, fd, 1), (os.POSIX_SPAWN_CLOSE, 0)],
)
print("exit", wait(pid))
os.close(fd)
with open(out) as f:
    print(f.read().split())

# An exit status, a new session, a process group, resetids.
pid = os.posix_spawn("/bin/sh", ["/bin/sh", "-c", "exit 7"], os.environ)
print("exit", wait(pid))
pid = os.posix_spawn("/bin/sh", ["/bin/sh", "-c", "exit 0"], os.environ,
                     setsid=True, resetids=True)
print("setsid exit", wait(pid))
pid = os.posix_spawn("/bin/sh", ["/bin/sh", "-c", "exit 0"], os.environ,
                     setpgroup=0)
print("setpgroup exit", wait(pid))

# setsigdef: a signal ignored here is back to its default in the child.
old = signal.signal(signal.SIGUSR1, signal.SIG_IGN)
try:
    pid = os.posix_spawn("/bin/sh", ["/bin/sh", "-c", "kill -USR1 $$"], os.environ,
                         setsigdef=[signal.SIGUSR1])
    print("killed by SIGUSR1", wait(pid) == -signal.SIGUSR1)
    pid = os.posix_spawn("/bin/sh", ["/bin/sh", "-c", "kill -USR1 $$; exit 3"], os.environ)
    print("ignored", wait(pid))
finally:
    signal.signal(signal.SIGUSR1, old)

print(os.POSIX_SPAWN_OPEN, os.POSIX_SPAWN_CLOSE, os.POSIX_SPAWN_DUP2)


def error(**kw):
    args = kw.pop("args", ["/bin/sh", "-c", "exit 0"])
    path = kw.pop("path", "/bin/sh")
    env = kw.pop("env", os.environ)
    func = kw.pop("func", os.posix_spawn)
    try:
        pid = func(path, args, env, **kw)
    except Exception as e:
        print(type(e).__name__, getattr(e, "filename", None), str(e).replace(out, "<out>"))
    else:
        print("no error, exit", wait(pid))


error(path="/no/such/program")
error(func=os.posix_spawnp, path="no_such_program_here", args=["no_such_program_here"])
error(args=[])
error(args="not a list")
error(env=None)
error(file_actions=[None])
error(file_actions=[()])
error(file_actions=[(12345,)])
error(file_actions=[(os.POSIX_SPAWN_CLOSE,)])
error(file_actions=[(os.POSIX_SPAWN_CLOSE, 1, 2)])
error(file_actions=[(os.POSIX_SPAWN_CLOSE, None)])
error(file_actions=[(os.POSIX_SPAWN_OPEN, 3, out + "\0", os.O_RDONLY, 0)])
error(file_actions=5)
error(resetids=None)
error(setsid="yes")
error(setpgroup="023")
error(setsigmask=34)
error(setsigmask=["j"])
error(setsigmask=[signal.NSIG])
error(setsigdef=[0])
error(unknown=1)

os.unlink(out)
os.rmdir(tmp)
