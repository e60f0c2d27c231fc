# mkdir/rmdir, rename/replace, unlink/remove, link/symlink/readlink.
import _osboot
import os, errno

base = _osboot.scratch('ren')

def touch(p, data=b''):
    fd = os.open(p, os.O_WRONLY | os.O_CREAT | os.O_TRUNC)
    os.write(fd, data)
    os.close(fd)

def cat(p):
    fd = os.open(p, os.O_RDONLY)
    try:
        return os.read(fd, 1000)
    finally:
        os.close(fd)

os.mkdir('d')
os.mkdir('d/e', 0o700)
print(oct(os.stat('d/e').st_mode & 0o777))
touch('a', b'first')
touch('b', b'second')
os.rename('a', 'c')
print(sorted(os.listdir('.')), cat('c'))
os.replace('c', 'b')
print(sorted(os.listdir('.')), cat('b'))
os.rename('b', 'd/b')
print(sorted(os.listdir('d')))
os.rename(b'd/b', b'd/bb')
print(sorted(os.listdir('d')))
os.link('d/bb', 'hard')
print(os.stat('hard').st_nlink, os.stat('hard').st_ino == os.stat('d/bb').st_ino)
os.symlink('d/bb', 'soft')
print(os.readlink('soft'), os.readlink(b'soft'), cat('soft'))
os.symlink('d', 'dlink', target_is_directory=True)
print(os.readlink('dlink'), sorted(os.listdir('dlink')))
os.unlink('soft')
os.remove('hard')
os.unlink('dlink')
print(sorted(os.listdir('.')), os.stat('d/bb').st_nlink)
dfd = os.open('d', os.O_RDONLY)
os.mkdir('x', dir_fd=dfd)
touch('d/y')
os.rename('y', 'z', src_dir_fd=dfd, dst_dir_fd=dfd)
os.symlink('z', 'zl', dir_fd=dfd)
print(os.readlink('zl', dir_fd=dfd), sorted(os.listdir('d')))
os.unlink('zl', dir_fd=dfd)
os.rmdir('x', dir_fd=dfd)
os.close(dfd)
print(sorted(os.listdir('d')))

def err(f, *args, **kw):
    try:
        f(*args, **kw)
    except OSError as e:
        print(f.__name__, type(e).__name__, errno.errorcode[e.errno], e.filename, e.filename2)
    else:
        print(f.__name__, 'no error')

err(os.rmdir, 'd')
err(os.rmdir, 'nope')
err(os.rmdir, 'd/z')
err(os.mkdir, 'd')
err(os.mkdir, 'nope/x')
err(os.unlink, 'nope')
err(os.unlink, 'd')
err(os.rename, 'nope', 'other')
err(os.rename, 'd', 'd/z')
err(os.replace, b'nope', b'x')
err(os.link, 'nope', 'x')
err(os.symlink, 'd', 'd')
err(os.readlink, 'd')
err(os.readlink, 'nope')
for bad in [lambda: os.rename('a', b'b'), lambda: os.symlink(b'a', 'b'), lambda: os.rename('a'),
            lambda: os.mkdir('a', 'b'), lambda: os.unlink(None), lambda: os.rmdir(3)]:
    try:
        bad()
    except (TypeError, OSError) as e:
        print(type(e).__name__, e)

_osboot.cleanup(base)
print(os.path.exists(base))
