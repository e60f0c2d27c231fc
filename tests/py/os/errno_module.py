# The errno module.
import errno

print(errno.ENOENT, errno.EACCES, errno.EEXIST, errno.EBADF, errno.EINTR, errno.EAGAIN, errno.EWOULDBLOCK)
print(errno.errorcode[2], errno.errorcode[errno.EAGAIN], errno.errorcode[errno.EDEADLK], errno.errorcode[errno.ENOTSUP])
print(errno.EDEADLK == errno.EDEADLOCK, errno.ENOTSUP == errno.EOPNOTSUPP)
print(len(errno.errorcode), type(errno.errorcode).__name__)
names = sorted(n for n in dir(errno) if n.startswith('E'))
print(len(names), names[:8], names[-4:])
print(all(getattr(errno, errno.errorcode[c]) == c for c in errno.errorcode))
print(list(errno.errorcode.items())[:5])
print(sorted(errno.errorcode)[:10], max(errno.errorcode))
print(errno.__name__, errno.__doc__.splitlines()[0])
for code, cls in [(errno.ENOENT, FileNotFoundError), (errno.EEXIST, FileExistsError),
                  (errno.EACCES, PermissionError), (errno.EPERM, PermissionError),
                  (errno.ENOTDIR, NotADirectoryError), (errno.EISDIR, IsADirectoryError),
                  (errno.EAGAIN, BlockingIOError), (errno.ECHILD, ChildProcessError),
                  (errno.ESRCH, ProcessLookupError), (errno.EPIPE, BrokenPipeError),
                  (errno.EINTR, InterruptedError), (errno.ETIMEDOUT, TimeoutError),
                  (errno.ECONNREFUSED, ConnectionRefusedError), (errno.EINVAL, OSError)]:
    e = OSError(code, 'msg')
    print(errno.errorcode[code], type(e).__name__, type(e) is cls, e.errno)
