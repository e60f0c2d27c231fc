# A signal raised by a worker thread is handled by the main thread: SIGINT
# interrupts a busy loop with KeyboardInterrupt; handlers cannot be installed
# from other threads.
import signal
import threading
import time

def send_later(delay):
    time.sleep(delay)
    signal.raise_signal(signal.SIGINT)

t = threading.Thread(target=send_later, args=(0.2,))
t.start()
spins = 0
try:
    while True:
        spins += 1
except KeyboardInterrupt:
    print("busy loop interrupted:", spins > 0)
t.join()

seen = []
signal.signal(signal.SIGUSR1, lambda sig, frame: seen.append(threading.current_thread().name))
worker = threading.Thread(target=signal.raise_signal, args=(signal.SIGUSR1,), name="sender")
worker.start()
worker.join()
time.sleep(0.05)
print("handler ran in:", seen)

def install():
    try:
        signal.signal(signal.SIGUSR2, signal.SIG_IGN)
    except ValueError as e:
        print("from a thread:", e)
w = threading.Thread(target=install)
w.start()
w.join()
