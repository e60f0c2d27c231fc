# os.stat / lstat / fstat and the os.stat_result struct sequence.
import _osboot
import os, stat

base = _osboot.scratch('stat')
fd = os.open('data', os.O_WRONLY | os.O_CREAT, 0o640)
os.write(fd, b'x' * 1234)
os.close(fd)

st = os.stat('data')
print(type(st).__name__, type(st).__module__, len(st))
os.chmod('data', 0o640)
st = os.stat('data')
print(st.st_size, stat.S_ISREG(st.st_mode), oct(stat.S_IMODE(st.st_mode)))
for name in ['st_mode', 'st_ino', 'st_dev', 'st_nlink', 'st_uid', 'st_gid', 'st_size',
             'st_atime', 'st_mtime', 'st_ctime', 'st_atime_ns', 'st_mtime_ns',
             'st_ctime_ns', 'st_blksize', 'st_blocks', 'st_rdev']:
    print(name, type(getattr(st, name)).__name__)
print([type(x).__name__ for x in st])
print(st[7] == int(st.st_atime), st[8] == int(st.st_mtime), st[9] == int(st.st_ctime))
print(st.st_mtime_ns // 10**9 == st[8], abs(st.st_mtime - st.st_mtime_ns / 1e9) < 1e-3)
print(st[:3] == (st.st_mode, st.st_ino, st.st_dev), st[-1] == st[9])
print(st == os.stat(b'data'), st.st_nlink, st.st_blksize > 0)
print(os.stat_result.n_fields, os.stat_result.n_sequence_fields, os.stat_result.n_unnamed_fields)
print(os.stat_result.__match_args__)
print(repr(st).startswith('os.stat_result(st_mode='), repr(st).count('='))

os.mkdir('sub')
os.symlink('data', 'link')
print(stat.S_ISDIR(os.stat('sub').st_mode), stat.S_ISLNK(os.lstat('link').st_mode))
print(stat.S_ISREG(os.stat('link').st_mode), os.stat('link').st_ino == st.st_ino)
print(stat.S_ISLNK(os.stat('link', follow_symlinks=False).st_mode))
fd = os.open('data', os.O_RDONLY)
print(os.fstat(fd).st_ino == st.st_ino, os.stat(fd).st_size)
os.close(fd)
dfd = os.open('.', os.O_RDONLY)
print(os.stat('data', dir_fd=dfd).st_size, stat.S_ISLNK(os.lstat('link', dir_fd=dfd).st_mode))
os.close(dfd)

class P:
    def __init__(self, p):
        self.p = p
    def __fspath__(self):
        return self.p
print(os.stat(P('data')).st_size, os.stat(P(b'data')).st_size)

# Building stat_result from a sequence.
r = os.stat_result(range(10))
print(r.st_mode, r.st_size, r.st_atime, r.st_mtime, r.st_ctime, r.st_atime_ns, r.st_rdev)
r = os.stat_result(tuple(range(10)), {'st_atime': 2.5, 'st_blksize': 512})
print(r.st_atime, r.st_blksize, r[7], tuple(r) == tuple(range(10)))
r = os.stat_result(range(13))
print(r.st_atime, r.st_mtime, r.st_ctime)
for bad in [lambda: os.stat_result(range(9)), lambda: os.stat_result(range(20)),
            lambda: os.stat_result(5), lambda: os.stat_result(range(10), 5)]:
    try:
        bad()
    except TypeError as e:
        print('TypeError', e)
try:
    st.st_size = 5
except AttributeError as e:
    print('AttributeError', e)
print(st.__reduce__()[0] is os.stat_result, len(st.__reduce__()[1][0]), sorted(st.__reduce__()[1][1]))

_osboot.cleanup(base)
print(os.path.exists(base))
