# fcntl.fcntl flags, pipe sizes, flock/lockf on a temporary file, ioctl
# FIONREAD on a pipe, and the errors.
import fcntl
import os
import tempfile


def attempt(label, f):
    try:
        r = f()
    except Exception as e:
        print(label, "->", type(e).__name__, e)
    else:
        print(label, "->", r)


r, w = os.pipe()
print("cloexec:", fcntl.fcntl(r, fcntl.F_GETFD) & fcntl.FD_CLOEXEC == fcntl.FD_CLOEXEC)
fcntl.fcntl(r, fcntl.F_SETFD, 0)
print("after clear:", fcntl.fcntl(r, fcntl.F_GETFD) & fcntl.FD_CLOEXEC)
fl = fcntl.fcntl(w, fcntl.F_GETFL)
fcntl.fcntl(w, fcntl.F_SETFL, fl | os.O_NONBLOCK)
print("nonblocking:", os.get_blocking(w))
print("pipe size set:", fcntl.fcntl(w, fcntl.F_SETPIPE_SZ, 65536) >= 65536)
print("pipe size get:", fcntl.fcntl(w, fcntl.F_GETPIPE_SZ) >= 65536)
os.write(w, b"12345")
import struct
buf = fcntl.ioctl(r, 0x541B, b"\0\0\0\0")
print("FIONREAD bytes:", struct.unpack("i", buf)[0])
ba = bytearray(4)
print("FIONREAD mutate:", fcntl.ioctl(r, 0x541B, ba), struct.unpack("i", ba)[0])


class F:
    def fileno(self):
        return r


print("fileno object:", fcntl.fcntl(F(), fcntl.F_GETFD))
print("bytes arg:", fcntl.fcntl(r, fcntl.F_GETFD, b"ab"))

with tempfile.TemporaryFile() as f:
    fcntl.flock(f, fcntl.LOCK_EX)
    fcntl.flock(f.fileno(), fcntl.LOCK_UN)
    fcntl.flock(f, fcntl.LOCK_SH | fcntl.LOCK_NB)
    fcntl.flock(f, fcntl.LOCK_UN)
    fcntl.lockf(f, fcntl.LOCK_EX, 10, 0, 0)
    fcntl.lockf(f, fcntl.LOCK_UN, 10)
    print("locks ok")
    attempt("lockf bad cmd", lambda: fcntl.lockf(f, 0))

attempt("float arg", lambda: fcntl.fcntl(r, fcntl.F_GETFD, 1.5))
attempt("long string", lambda: fcntl.fcntl(r, fcntl.F_GETFD, b"x" * 2000))
attempt("bytearray arg", lambda: fcntl.fcntl(r, fcntl.F_GETFD, bytearray(3)))
attempt("bad fd", lambda: fcntl.fcntl(999, fcntl.F_GETFD))
attempt("no fileno", lambda: fcntl.fcntl("x", fcntl.F_GETFD))
attempt("ioctl long", lambda: fcntl.ioctl(r, 0x541B, b"x" * 2000))
attempt("no args", lambda: fcntl.fcntl())
attempt("too many", lambda: fcntl.fcntl(r, 1, 0, 1))
attempt("lockf keyword", lambda: fcntl.lockf(r, fcntl.LOCK_SH, start=1))
attempt("flock bad fd", lambda: fcntl.flock(999, fcntl.LOCK_EX))
os.close(r)
os.close(w)
print(fcntl.LOCK_SH, fcntl.LOCK_EX, fcntl.LOCK_NB, fcntl.LOCK_UN, fcntl.F_GETFD, fcntl.F_SETFL)
