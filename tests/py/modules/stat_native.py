# _stat (native) agrees with stat.py's definitions: every constant and
# predicate, filemode for each file type and special bit, and the errors
# of bad modes.
import _stat, stat, os

names = sorted(n for n in dir(_stat) if not n.startswith('_'))
print(len(names), names[:6])
print(all(getattr(stat, n) is getattr(_stat, n) for n in names))
modes = [0o100644, 0o040755, 0o120777, 0o060660, 0o020620, 0o010600, 0o140755,
         0o104755, 0o102755, 0o041777, 0o041776, 0o106644, 0o101000, 0, 0o170000, True]
for m in modes:
    print(oct(m), _stat.filemode(m), _stat.S_IMODE(m), _stat.S_IFMT(m),
          [f for f in ('S_ISDIR', 'S_ISCHR', 'S_ISBLK', 'S_ISREG', 'S_ISFIFO',
                       'S_ISLNK', 'S_ISSOCK', 'S_ISDOOR', 'S_ISPORT', 'S_ISWHT')
           if getattr(_stat, f)(m)])
print(stat.S_ISDIR(os.stat('.').st_mode), stat.filemode(os.lstat('.').st_mode)[0])
for f, arg in [(_stat.S_ISDIR, 'x'), (_stat.S_IMODE, -1), (_stat.filemode, 2**40),
               (_stat.S_IFMT, 2.0), (_stat.S_ISREG, 2**32)]:
    try:
        f(arg)
    except (TypeError, OverflowError) as e:
        print(f.__name__, type(e).__name__, e)
try:
    _stat.S_ISDIR()
except TypeError as e:
    print('TypeError', e)
print(_stat.ST_MTIME, _stat.UF_HIDDEN, _stat.SF_SNAPSHOT, _stat.S_IFDOOR)
