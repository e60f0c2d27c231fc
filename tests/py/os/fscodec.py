# os.fsencode / os.fsdecode: UTF-8 with surrogateescape, and paths that
# are not valid UTF-8.
import _osboot
import os, sys

print(sys.getfilesystemencoding(), sys.getfilesystemencodeerrors())
print(os.fsencode('abc'), os.fsencode(b'abc'), os.fsencode('é€'), ascii(os.fsdecode(b'\xc3\xa9')))
print(ascii(os.fsdecode(b'a\xffb')), os.fsencode(os.fsdecode(b'a\xffb')))
print(os.fsencode('a\udcffb'), ascii(os.fsdecode('str')))
class P:
    def __fspath__(self):
        return 'from-fspath'
print(os.fsencode(P()), os.fsdecode(P()))
for bad in [lambda: os.fsencode(3), lambda: os.fsdecode(None), lambda: os.fsencode('\ud800')]:
    try:
        bad()
    except (TypeError, UnicodeError) as e:
        print(type(e).__name__, e)

base = _osboot.scratch('codec')
names = [b'plain', b'caf\xc3\xa9', b'raw\xff\xfe']
for n in names:
    os.close(os.open(n, os.O_CREAT | os.O_WRONLY))
print(sorted(os.listdir(b'.')))
print(sorted(ascii(n) for n in os.listdir('.')))
for n in sorted(os.listdir('.')):
    print(ascii(n), os.fsencode(n) in names, os.path.exists(n), os.stat(n).st_size)
print(sorted(ascii(e.name) for e in os.scandir('.')))
os.rename('raw\udcff\udcfe', 'renamed')
print(sorted(os.listdir(b'.')))

_osboot.cleanup(base)
print(os.path.exists(base))
