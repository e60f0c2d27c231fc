# OSError(errno, strerror) picks the subclass CPython maps that errno to.
import errno

for name in ["ENOENT", "EEXIST", "EACCES", "EPERM", "ENOTDIR", "EISDIR", "EPIPE", "ESHUTDOWN",
             "EAGAIN", "EWOULDBLOCK", "EALREADY", "EINPROGRESS", "EINTR", "ETIMEDOUT", "ESRCH",
             "ECHILD", "ECONNRESET", "ECONNREFUSED", "ECONNABORTED", "EBADF", "EINVAL"]:
    code = getattr(errno, name)
    e = OSError(code, "message")
    print(name, type(e).__name__, e.errno, e.strerror)
print(type(OSError(2)).__name__, type(OSError(2, "x", "file")).__name__, OSError(2, "x", "file").filename)
