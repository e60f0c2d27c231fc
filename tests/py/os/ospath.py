# os.path (posixpath and genericpath) over the posix module.
import _osboot
import os, stat

base = _osboot.scratch('path')
os.mkdir('d')
fd = os.open('d/f.txt', os.O_WRONLY | os.O_CREAT)
os.write(fd, b'12345')
os.close(fd)
os.symlink('f.txt', 'd/l')
os.symlink('nowhere', 'd/broken')
p = os.path
print(p is __import__('posixpath'), p.sep, p.curdir, p.pardir, p.extsep, p.pathsep, p.defpath)
print(p.exists('d'), p.exists('d/f.txt'), p.exists('nope'), p.exists('d/broken'), p.lexists('d/broken'))
print(p.isdir('d'), p.isdir('d/f.txt'), p.isfile('d/f.txt'), p.isfile('d'), p.islink('d/l'), p.islink('d/f.txt'))
print(p.getsize('d/f.txt'), p.getmtime('d/f.txt') == os.stat('d/f.txt').st_mtime, type(p.getatime('d')).__name__)
print(p.samefile('d/l', 'd/f.txt'), p.samefile('d', 'd/f.txt'), p.ismount('/'), p.ismount('d'))
print(p.abspath('d') == p.join(base, 'd'), p.abspath('/a/../b'), p.isabs('/x'), p.isabs('x'))
print(p.realpath('d/l') == p.join(base, 'd', 'f.txt'), p.realpath('d/broken') == p.join(base, 'd', 'nowhere'))
print(p.relpath(p.join(base, 'd', 'f.txt')), p.relpath('/a/b/c', '/a/x'), p.relpath('d', 'd'))
print(p.join('a', 'b', 'c'), p.join('a', '/b', 'c'), p.join('a/', 'b'), p.join(b'a', b'b'))
print(p.split('/a/b/c.txt'), p.split('c'), p.splitext('x/y.tar.gz'), p.splitext('.bashrc'), p.splitdrive('/a'))
print(p.basename('/a/b/'), p.basename('/a/b'), p.dirname('/a/b'), p.dirname('b'))
print(p.normpath('a//b/./c/../d'), p.normpath('/../x'), p.normpath(''), p.normpath(b'a/./b'), p.normcase('AbC'))
print(p.commonpath(['/a/b/c', '/a/b/d']), p.commonprefix(['abc', 'abd', 'ab']))
print(p.expanduser('~') == os.environ['HOME'], p.expanduser('~/x') == p.join(os.environ['HOME'], 'x'), p.expanduser('x~'))
print(p.getsize(p.join(base, 'd', 'f.txt')), p.exists(base.encode()), p.isdir(base.encode()))
try:
    p.getsize('nope')
except FileNotFoundError as e:
    print('FileNotFoundError', e.filename)
print(p.exists('a\0b'), p.isfile(3.5) if False else 'skip', p.isdir(b'd'))

_osboot.cleanup(base)
print(p.exists(base))
