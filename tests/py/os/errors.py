# Errors of the os functions: OSError subclasses with errno, strerror and
# file names; TypeError/ValueError/OverflowError with CPython's messages.
import _osboot
import os, errno

base = _osboot.scratch('err')
os.mkdir('full')
os.close(os.open('full/f', os.O_CREAT | os.O_WRONLY))

def show(f):
    try:
        f()
    except OSError as e:
        print(type(e).__name__, errno.errorcode.get(e.errno), e.strerror, repr(e.filename), repr(e.filename2))
        print('  str:', e)
        print('  args:', e.args)
    except Exception as e:
        print(type(e).__name__, e)
    else:
        print('no error')

show(lambda: os.stat('missing'))
show(lambda: os.stat(b'missing'))
show(lambda: os.lstat('full/f/x'))
show(lambda: os.open('missing', os.O_RDONLY))
show(lambda: os.open('full', os.O_WRONLY))
show(lambda: os.rmdir('full'))
show(lambda: os.mkdir('full'))
show(lambda: os.rename('missing', 'other'))
show(lambda: os.chdir('full/f'))
show(lambda: os.listdir('full/f'))
show(lambda: os.fstat(999))
show(lambda: os.close(999))
show(lambda: os.read(999, 1))
show(lambda: os.write(999, b'x'))
show(lambda: os.stat(999))
show(lambda: os.stat(-2))
show(lambda: os.kill(os.getpid(), 99999))
show(lambda: os.waitpid(-1, 0))
show(lambda: os.utime('missing'))
show(lambda: os.chmod('missing', 0o600))
show(lambda: os.truncate('missing', 0))

class Bad:
    def __fspath__(self):
        return 42
class Raises:
    def __fspath__(self):
        raise RuntimeError('boom')
for f in [lambda: os.stat(1.5), lambda: os.stat([]), lambda: os.stat(None), lambda: os.lstat(3),
          lambda: os.mkdir(3), lambda: os.listdir(3.5), lambda: os.chdir(None),
          lambda: os.stat(Bad()), lambda: os.fspath(Bad()), lambda: os.fspath(3), lambda: os.stat(Raises()),
          lambda: os.stat('a\0b'), lambda: os.stat(b'a\0b'), lambda: os.stat(), lambda: os.stat('a', 'b'),
          lambda: os.stat('a', dir_fd=1.5), lambda: os.stat(path='a', bogus=1), lambda: os.stat(2**40),
          lambda: os.stat('x', dir_fd=2**40), lambda: os.stat(0, dir_fd=3), lambda: os.chown(0, -1, -1, dir_fd=3),
          lambda: os.chown(0, -1, -1, follow_symlinks=False), lambda: os.utime(0, dir_fd=3),
          lambda: os.utime(0, follow_symlinks=False), lambda: os.fstat('x'), lambda: os.fstat(2**31),
          lambda: os.close(), lambda: os.strerror('x'), lambda: os.urandom(-1), lambda: os.utime('a', 3),
          lambda: os.utime('a', (1, 2), ns=(1, 2)), lambda: os.utime('a', ns=5), lambda: os.utime('a', ('x', 1)),
          lambda: os.chown('a', 'u', 1), lambda: os.sysconf('NOPE'), lambda: os.sysconf(1.5),
          lambda: os.waitstatus_to_exitcode(0xffff), lambda: os.WIFEXITED('x')]:
    show(f)
class P:
    def __init__(self, p):
        self.p = p
    def __fspath__(self):
        return self.p
show(lambda: os.stat(P('missing')))
show(lambda: os.rename(P(b'missing'), P(b'other')))
show(lambda: os.listdir(P('missing')))
show(lambda: os.scandir(P(b'missing')))
print(os.fspath('s'), os.fspath(b'b'), os.fspath(P('p')), os.fspath(P(b'b')))
print(os.error is OSError, os.strerror(errno.ENOENT), os.strerror(99999))

_osboot.cleanup(base)
print(os.path.exists(base))
