# Smaller posix calls: pread/pwrite, mkfifo, device numbers, process
# groups and sessions, nice, load average, sched_yield, ttyname.
import _osboot
import os, stat, errno

base = _osboot.scratch('misc')
fd = os.open('f', os.O_RDWR | os.O_CREAT)
print(os.pwrite(fd, b'0123456789', 0), os.pwrite(fd, bytearray(b'AB'), 4))
print(os.pread(fd, 4, 2), os.pread(fd, 100, 8), os.pread(fd, 5, 100), os.lseek(fd, 0, os.SEEK_CUR))
for bad in [lambda: os.pread(fd, -1, 0), lambda: os.pread(9999, 1, 0), lambda: os.pwrite(9999, b'x', 0)]:
    try:
        bad()
    except OSError as e:
        print(type(e).__name__, errno.errorcode[e.errno])
os.close(fd)
os.mkfifo('fifo')
print(stat.S_ISFIFO(os.stat('fifo').st_mode))
dfd = os.open('.', os.O_RDONLY)
os.mkfifo('fifo2', 0o600, dir_fd=dfd)
os.close(dfd)
print(stat.S_ISFIFO(os.lstat('fifo2').st_mode), oct(os.stat('fifo2').st_mode & 0o777))
try:
    os.mkfifo('fifo')
except FileExistsError as e:
    print('FileExistsError', e.filename)
d = os.makedev(8, 17)
print(d, os.major(d), os.minor(d), os.major(os.makedev(259, 70000)), os.minor(os.makedev(259, 70000)))
for bad in [lambda: os.major(-1), lambda: os.makedev(1, 2**40), lambda: os.major('x')]:
    try:
        bad()
    except (OverflowError, TypeError) as e:
        print(type(e).__name__, e)
print(os.getpgid(0) == os.getpgrp(), os.getpgid(pid=os.getpid()) == os.getpgrp(), os.getsid(0) == os.getsid(os.getpid()))
try:
    os.getpgid(2**30)
except ProcessLookupError as e:
    print('ProcessLookupError', e.errno)
os.killpg(os.getpgrp(), 0)
print(os.nice(0) == os.nice(0), type(os.nice(0)).__name__)
la = os.getloadavg()
print(type(la).__name__, len(la), [type(x).__name__ for x in la])
print(os.sched_yield())
try:
    os.ttyname(os.open('f', os.O_RDONLY))
except OSError as e:
    print('OSError', errno.errorcode[e.errno])

_osboot.cleanup(base)
print(os.path.exists(base))
