# Signal masks, pending signals and the sigwait family, with signals sent
# from the main thread and from another thread.
import os
import signal
import threading
import time

got = []
signal.signal(signal.SIGUSR1, lambda s, f: got.append(signal.Signals(s).name))

old = signal.pthread_sigmask(signal.SIG_BLOCK, [signal.SIGUSR1])
print("old mask", sorted(old))
os.kill(os.getpid(), signal.SIGUSR1)
print("blocked: pending", sorted(signal.sigpending()), "handled", got)
signal.pthread_sigmask(signal.SIG_UNBLOCK, [signal.SIGUSR1])
print("unblocked: handled", got, "pending", sorted(signal.sigpending()))

signal.pthread_kill(threading.get_ident(), signal.SIGUSR1)
print("pthread_kill to self: handled", got)

# A signal blocked in every Python thread waits for sigwait.
signal.pthread_sigmask(signal.SIG_BLOCK, [signal.SIGUSR2])


def later():
    time.sleep(0.2)
    os.kill(os.getpid(), signal.SIGUSR2)


t = threading.Thread(target=later)
t.start()
print("sigwait got", signal.Signals(signal.sigwait([signal.SIGUSR2])).name)
t.join()

os.kill(os.getpid(), signal.SIGUSR2)
info = signal.sigwaitinfo([signal.SIGUSR2])
print("sigwaitinfo", info.si_signo == signal.SIGUSR2, info.si_pid == os.getpid(), type(info).__name__)
print("sigtimedwait with nothing pending:", signal.sigtimedwait([signal.SIGUSR2], 0.05))

# A handled signal sent from another thread interrupts the main thread's
# blocking wait at once.
signal.signal(signal.SIGALRM, lambda s, f: got.append("alarm"))
t = threading.Thread(target=lambda: (time.sleep(0.2), os.kill(os.getpid(), signal.SIGALRM)))
t.start()
start = time.monotonic()
signal.pause()
print("pause returned promptly:", time.monotonic() - start < 5, got[-1])
t.join()

for bad in ([0], [signal.NSIG], [1 << 70]):
    try:
        signal.pthread_sigmask(signal.SIG_BLOCK, bad)
    except ValueError as e:
        print("ValueError", e)
try:
    signal.pthread_sigmask(1700, [])
except OSError as e:
    print("OSError errno", e.errno)
try:
    signal.sigtimedwait([], -1)
except ValueError as e:
    print("ValueError", e)
