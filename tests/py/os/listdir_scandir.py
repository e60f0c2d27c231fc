# os.listdir and os.scandir / DirEntry.
import _osboot
import os, stat

base = _osboot.scratch('scan')
os.mkdir('top')
for name in ['b.txt', 'a.txt', 'c.bin']:
    fd = os.open(os.path.join('top', name), os.O_WRONLY | os.O_CREAT)
    os.write(fd, name.encode() * 3)
    os.close(fd)
os.mkdir('top/sub')
os.symlink('a.txt', 'top/la')
os.symlink('sub', 'top/ls')
os.symlink('missing', 'top/dangling')

print(sorted(os.listdir('top')))
print(sorted(os.listdir(b'top')))
os.chdir('top')
print(sorted(os.listdir()), sorted(os.listdir(None)) == sorted(os.listdir('.')))
os.chdir('..')
fd = os.open('top', os.O_RDONLY)
print(sorted(os.listdir(fd)))
print(sorted(os.listdir(fd)))  # the fd's position is not consumed
print(sorted(e.name for e in os.scandir(fd)), sorted(e.path for e in os.scandir(fd)))
print(sorted(e.is_file() for e in os.scandir(fd)))
os.close(fd)

class P:
    def __fspath__(self):
        return 'top/sub'
print(os.listdir(P()), list(os.scandir(P())))

entries = sorted(os.scandir('top'), key=lambda e: e.name)
for e in entries:
    print(repr(e), e.name, e.path, e.is_dir(), e.is_file(), e.is_symlink(),
          e.is_dir(follow_symlinks=False), e.is_file(follow_symlinks=False))
for e in entries:
    if e.name == 'dangling':
        try:
            e.stat()
        except FileNotFoundError as err:
            print('dangling stat', err.filename)
        print(stat.S_ISLNK(e.stat(follow_symlinks=False).st_mode))
        continue
    st = e.stat()
    lst = e.stat(follow_symlinks=False)
    print(e.name, st.st_size if e.is_file() else '-', stat.S_ISLNK(lst.st_mode),
          e.inode() == lst.st_ino, e.stat() is st, os.fspath(e) == e.path)
print([e.name for e in sorted(os.scandir(b'top'), key=lambda e: e.name)][:2],
      type(next(iter(os.scandir(b'top'))).path).__name__)
os.chdir('top')
print(sorted(e.path for e in os.scandir()))
os.chdir('..')
print(sorted(e.path for e in os.scandir('top/')))

it = os.scandir('top')
print(iter(it) is it, type(it).__name__, type(next(it)).__name__)
it.close()
it.close()
print(list(it))
with os.scandir('top') as it:
    n = sum(1 for _ in it)
print(n, list(it))
it = os.scandir('top')
print(len(list(it)), list(it))
print(os.DirEntry.__name__, os.DirEntry.__module__)
try:
    os.DirEntry()
except TypeError as e:
    print('TypeError', e)
for bad in [lambda: os.listdir('nope'), lambda: os.scandir('nope'), lambda: os.listdir('top/a.txt')]:
    try:
        bad()
    except OSError as e:
        print(type(e).__name__, e.errno, e.filename)
for bad in [lambda: os.listdir(3.5), lambda: os.scandir(3.5), lambda: os.listdir('a', 'b'),
            lambda: entries[0].is_dir(True), lambda: entries[0].stat(x=1)]:
    try:
        bad()
    except TypeError as e:
        print('TypeError', e)

_osboot.cleanup(base)
print(os.path.exists(base))
