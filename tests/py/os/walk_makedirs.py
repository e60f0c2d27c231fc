# os.walk, os.makedirs, os.removedirs, os.fwalk.
import _osboot
import os

base = _osboot.scratch('walk')
os.makedirs('a/b/c')
os.makedirs('a/b/c', exist_ok=True)
try:
    os.makedirs('a/b/c')
except FileExistsError as e:
    print('FileExistsError', e.filename)
os.makedirs(b'a/x/y', mode=0o755)
os.makedirs('z')
for name in ['a/f1', 'a/b/f2', 'a/b/c/f3', 'z/f4']:
    os.close(os.open(name, os.O_CREAT | os.O_WRONLY))
os.symlink('../z', 'a/zl')

def norm(it):
    return sorted((os.path.relpath(top), sorted(dirs), sorted(files)) for top, dirs, files in it)

for row in norm(os.walk('.')):
    print(row)
print(norm(os.walk('a', followlinks=True)) != norm(os.walk('a')))
order = [os.path.relpath(t) for t, d, f in os.walk('a', topdown=False)]
print(order.index('a/b/c') < order.index('a/b') < order.index('a'))
pruned = []
for top, dirs, files in os.walk('a'):
    dirs[:] = [d for d in dirs if d != 'b']
    pruned.append(os.path.relpath(top))
print(sorted(pruned))
print(list(os.walk('nope')))
errs = []
print(list(os.walk('nope', onerror=errs.append)), [type(e).__name__ for e in errs])
print(sorted((os.path.relpath(t), sorted(f)) for t, d, f in os.walk(b'a/b')))
if hasattr(os, 'fwalk'):
    rows = []
    for top, dirs, files, dfd in os.fwalk('a'):
        rows.append((top, sorted(dirs), sorted(files), type(dfd).__name__))
    print(sorted(rows))
os.unlink('a/b/c/f3')
os.removedirs('a/b/c')
print(os.path.exists('a/b/c'), os.path.exists('a/b'), os.path.exists('a'))
os.removedirs('a/x/y')
print(os.path.exists('a/x'))
try:
    os.removedirs('nope/nope')
except FileNotFoundError as e:
    print('FileNotFoundError', e.filename)

_osboot.cleanup(base)
print(os.path.exists(base))
