# os.environ, os.environb, putenv/unsetenv, getenv.
import _osboot
import os, posix

print(type(posix.environ).__name__, all(type(k) is bytes and type(v) is bytes for k, v in posix.environ.items()))
print(os.environ['HOME'] == os.fsdecode(posix.environ[b'HOME']), 'HOME' in os.environ)
os.environ['PROTOPY_T1'] = 'one'
print(os.environ['PROTOPY_T1'], os.getenv('PROTOPY_T1'), os.environb[b'PROTOPY_T1'], os.getenvb(b'PROTOPY_T1'))
os.environb[b'PROTOPY_T2'] = b'two'
print(os.environ['PROTOPY_T2'], 'PROTOPY_T2' in os.environ)
print(os.environ.get('PROTOPY_NOPE'), os.getenv('PROTOPY_NOPE', 'dflt'))
print(os.environ.setdefault('PROTOPY_T3', 'three'), os.environ.setdefault('PROTOPY_T3', 'other'))
print(os.environ.pop('PROTOPY_T3'), 'PROTOPY_T3' in os.environ)
del os.environ['PROTOPY_T1']
print('PROTOPY_T1' in os.environ, os.getenv('PROTOPY_T1'))
try:
    del os.environ['PROTOPY_T1']
except KeyError as e:
    print('KeyError', e)
try:
    os.environ['X'] = 1
except TypeError as e:
    print('TypeError', e)
os.environ.update(PROTOPY_U='u', PROTOPY_V='v')
print(sorted(k for k in os.environ if k in ('PROTOPY_T1', 'PROTOPY_T2', 'PROTOPY_T3', 'PROTOPY_U', 'PROTOPY_V')))
print(repr(os.environ).startswith('environ({'), type(os.environ.copy()).__name__)
os.environ.clear() if False else None
print(os.environ['PROTOPY_U'] + os.environ['PROTOPY_V'])
os.putenv('PROTOPY_RAW', 'raw')
os.putenv(b'PROTOPY_RAWB', b'rawb')
os.unsetenv('PROTOPY_RAW')
os.unsetenv(b'PROTOPY_NEVER_SET')
print('PROTOPY_RAW' in os.environ)
for bad in [lambda: os.putenv('A=B', 'x'), lambda: os.putenv('A\0', 'x'), lambda: os.putenv('A', 'x\0'),
            lambda: os.putenv(1, 'x'), lambda: os.putenv('A'), lambda: os.unsetenv(3)]:
    try:
        bad()
    except (TypeError, ValueError) as e:
        print(type(e).__name__, e)
for bad in [lambda: os.putenv('', 'x'), lambda: os.unsetenv(''), lambda: os.unsetenv('A=B')]:
    try:
        bad()
    except OSError as e:
        print(type(e).__name__, e.errno, e.strerror)
print(os.get_exec_path(env={'PATH': '/a:/b'}), os.get_exec_path(env={}) == os.defpath.split(os.pathsep))
