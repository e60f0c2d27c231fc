# shutil and glob over the posix module: rmtree (fd-based), which,
# disk-free helpers that need no file objects, glob patterns.
import _osboot
import os, shutil, glob

base = _osboot.scratch('shglob')
os.makedirs('t/a/b')
for n in ['t/x.py', 't/y.txt', 't/a/z.py', 't/a/b/w.py', 't/.hidden.py']:
    os.close(os.open(n, os.O_CREAT | os.O_WRONLY))
os.symlink('a', 't/alink')
print(sorted(glob.glob('t/*.py')), sorted(glob.glob('t/*')))
print(sorted(glob.glob('t/**/*.py', recursive=True)))
print(sorted(glob.glob('t/?.*')), glob.glob('nope/*'), sorted(glob.glob(b't/*.txt')))
print(sorted(glob.glob('*.py', root_dir='t')), glob.escape('a[b]*'))
print(shutil.rmtree.avoids_symlink_attacks)
shutil.rmtree('t/a')
print(sorted(os.listdir('t')), os.path.lexists('t/alink'))
errs = []
shutil.rmtree('nope', onerror=lambda f, p, e: errs.append((f.__name__, p, e[0].__name__)))
print(errs)
try:
    shutil.rmtree('t/x.py')
except NotADirectoryError as e:
    print('NotADirectoryError', e.filename)
shutil.rmtree('t')
print(os.listdir('.'))
print(shutil.which('sh') is not None, shutil.which('no-such-program-here'))

_osboot.cleanup(base)
print(os.path.exists(base))
