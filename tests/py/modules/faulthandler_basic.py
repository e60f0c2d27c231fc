# faulthandler: enable/disable state, dump_traceback's format (captured
# in a temporary file, paths and thread ids masked), the watchdog, user
# signal registration, and CPython's argument errors.
import faulthandler, os, re, signal, sys, tempfile

def captured(fn):
    with tempfile.TemporaryFile() as f:
        fn(f)
        f.seek(0)
        text = f.read().decode()
    text = text.replace(__file__, 'THIS_FILE')
    return re.sub(r'0x[0-9a-f]{16}', '0xTHREAD', text)

print(faulthandler.is_enabled())
faulthandler.enable()
print(faulthandler.is_enabled())
faulthandler.enable(file=sys.stdout, all_threads=False)
print(faulthandler.disable(), faulthandler.is_enabled(), faulthandler.disable())

def inner(f, all_threads):
    faulthandler.dump_traceback(f, all_threads=all_threads)
def outer(f, all_threads):
    inner(f, all_threads)
print(captured(lambda f: outer(f, False)), end='')
print(captured(lambda f: outer(f, True)), end='')
print(captured(lambda f: faulthandler.dump_traceback(file=f.fileno(), all_threads=False)), end='')

class NoFileno:
    def fileno(self):
        return 'not an int'
for kw in [{'file': 'x'}, {'file': -1}, {'file': NoFileno()},
           {'file': None, 'all_threads': 1, 'extra': 2}]:
    try:
        faulthandler.dump_traceback(**kw)
    except Exception as e:
        print(type(e).__name__, e)

for t in (0, -1.5):
    try:
        faulthandler.dump_traceback_later(t)
    except ValueError as e:
        print('ValueError', e)
faulthandler.dump_traceback_later(60, repeat=True, file=sys.stdout)
faulthandler.dump_traceback_later(30)
faulthandler.cancel_dump_traceback_later()
faulthandler.cancel_dump_traceback_later()
print('watchdog cancelled')

for n in (signal.SIGSEGV, 0, 1000):
    try:
        faulthandler.register(n)
    except (RuntimeError, ValueError) as e:
        print(type(e).__name__, e)
print(faulthandler.unregister(signal.SIGUSR1))

def handler_body(f):
    faulthandler.register(signal.SIGUSR1, file=f, all_threads=False)
    def deliver():
        os.kill(os.getpid(), signal.SIGUSR1)
        for _ in range(100):
            pass
    deliver()
print(captured(handler_body), end='')
print(faulthandler.unregister(signal.SIGUSR1), faulthandler.unregister(signal.SIGUSR1))

got = []
signal.signal(signal.SIGUSR2, lambda s, fr: got.append(s))
def chained(f):
    faulthandler.register(signal.SIGUSR2, file=f, all_threads=False, chain=True)
    os.kill(os.getpid(), signal.SIGUSR2)
    for _ in range(100):
        pass
print(captured(chained), end='')
print(got == [signal.SIGUSR2], faulthandler.unregister(signal.SIGUSR2))
os.kill(os.getpid(), signal.SIGUSR2)
for _ in range(100):
    pass
print(len(got))
