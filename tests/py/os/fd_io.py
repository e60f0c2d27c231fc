# File descriptors: os.open/read/write/lseek/close, pipes, dup, flags.
import _osboot
import os

base = _osboot.scratch('fdio')
fd = os.open('f', os.O_RDWR | os.O_CREAT | os.O_EXCL, 0o600)
print(type(fd).__name__, fd > 2)
print(os.write(fd, b'hello '), os.write(fd, bytearray(b'world')), os.write(fd, memoryview(b'!\n')))
print(os.lseek(fd, 0, os.SEEK_CUR), os.lseek(fd, 0, os.SEEK_END), os.lseek(fd, 0, os.SEEK_SET))
print(os.read(fd, 5), os.read(fd, 0), os.read(fd, 100), os.read(fd, 100))
print(os.lseek(fd, -2, os.SEEK_END), os.read(fd, 10))
os.ftruncate(fd, 5)
print(os.fstat(fd).st_size, os.lseek(fd, 0, os.SEEK_SET), os.read(fd, 100))
os.truncate('f', 3)
os.lseek(fd, 0, 0)
print(os.read(fd, 100))
os.truncate(fd, 1)
print(os.fstat(fd).st_size)
print(os.get_inheritable(fd), os.get_blocking(fd), os.isatty(fd))
os.set_inheritable(fd, True)
os.set_blocking(fd, False)
print(os.get_inheritable(fd), os.get_blocking(fd))
os.set_inheritable(fd, False)
os.set_blocking(fd, True)
print(os.get_inheritable(fd), os.get_blocking(fd))
os.fsync(fd)
fd2 = os.dup(fd)
print(fd2 != fd, os.get_inheritable(fd2), os.fstat(fd2).st_ino == os.fstat(fd).st_ino)
fd3 = os.open('g', os.O_WRONLY | os.O_CREAT | os.O_TRUNC)
print(os.dup2(fd, fd3) == fd3, os.get_inheritable(fd3))
print(os.dup2(fd, fd3, inheritable=False) == fd3, os.get_inheritable(fd3))
for f in (fd, fd2, fd3):
    os.close(f)
try:
    os.open('f', os.O_CREAT | os.O_EXCL | os.O_WRONLY)
except FileExistsError as e:
    print('FileExistsError', e.errno, e.filename)

fd = os.open('h', os.O_WRONLY | os.O_CREAT | os.O_APPEND)
os.write(fd, b'ab')
os.close(fd)
fd = os.open('h', os.O_WRONLY | os.O_APPEND)
os.write(fd, b'cd')
os.close(fd)
fd = os.open('h', os.O_RDONLY)
print(os.read(fd, 10))
os.close(fd)

r, w = os.pipe()
print(os.get_inheritable(r), os.get_inheritable(w), os.fstat(r).st_size)
print(os.write(w, b'through the pipe'))
os.close(w)
print(os.read(r, 7), os.read(r, 100), os.read(r, 100))
os.close(r)
r, w = os.pipe2(os.O_NONBLOCK)
print(os.get_blocking(r), os.get_inheritable(r))
try:
    os.read(r, 1)
except BlockingIOError as e:
    print('BlockingIOError', e.errno == __import__('errno').EAGAIN)
os.close(r)
os.close(w)

fds = [os.open('f', os.O_RDONLY) for _ in range(3)]
os.closerange(fds[0], fds[-1] + 1)
for f in fds:
    try:
        os.fstat(f)
    except OSError as e:
        print('closed', e.errno == __import__('errno').EBADF)
print(os.device_encoding(0 if not os.isatty(0) else 10**6 % 1000 + 900))

class FileLike:
    def __init__(self, fd):
        self.fd = fd
    def fileno(self):
        return self.fd
fd = os.open('f', os.O_RDONLY)
os.fsync(FileLike(fd))
os.close(fd)
for bad in [lambda: os.fsync('x'), lambda: os.fsync(-3), lambda: os.read(0, 'x'),
            lambda: os.write(1, 'text'), lambda: os.lseek(0, 0, 'x'), lambda: os.close('x'),
            lambda: os.open(1, 0), lambda: os.open('x', 'r'), lambda: os.pipe2('x'),
            lambda: os.read(), lambda: os.write(1, b'', 3), lambda: os.close(fd=None)]:
    try:
        bad()
    except (TypeError, ValueError) as e:
        print(type(e).__name__, e)
try:
    os.read(0, -1)
except OSError as e:
    print('OSError', e.errno, e.strerror)
try:
    os.lseek(0, 2**70, 0)
except OverflowError as e:
    print('OverflowError', e)

_osboot.cleanup(base)
print(os.path.exists(base))
