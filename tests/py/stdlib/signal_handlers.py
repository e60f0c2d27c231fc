# signal: Python handlers run in the main thread; SIGINT raises KeyboardInterrupt.
import signal
print(signal.getsignal(signal.SIGINT), signal.getsignal(signal.SIGUSR1), signal.SIG_DFL, signal.NSIG)
for a in [(0, signal.SIG_DFL), (100, signal.SIG_DFL), (signal.SIGUSR1, 5), (signal.SIGKILL, signal.SIG_IGN)]:
    try: signal.signal(*a)
    except Exception as e: print(type(e).__name__, e)
print(signal.strsignal(2), signal.default_int_handler)
try: signal.default_int_handler(2, None)
except KeyboardInterrupt as e: print(repr(e), e.args)
got = []
def h(sig, frame):
    got.append(sig)
old = signal.signal(signal.SIGUSR1, h)
print(old, signal.getsignal(signal.SIGUSR1) is h)
signal.raise_signal(signal.SIGUSR1)
print("after raise", got)
try:
    signal.raise_signal(signal.SIGINT)
    print("not reached")
except KeyboardInterrupt:
    print("KeyboardInterrupt caught")
def boom(sig, frame):
    raise RuntimeError("from handler %d" % sig)
signal.signal(signal.SIGUSR2, boom)
try:
    signal.raise_signal(signal.SIGUSR2)
except RuntimeError as e:
    print(e)
signal.signal(signal.SIGUSR1, signal.SIG_IGN)
signal.raise_signal(signal.SIGUSR1)
print("ignored", got, signal.getsignal(signal.SIGUSR1))
print(len(signal.valid_signals()) > 30, signal.SIGTERM in signal.valid_signals())
