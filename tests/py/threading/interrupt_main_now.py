# _thread.interrupt_main() called in the main thread: the handler runs as
# the call returns (KeyboardInterrupt for SIGINT's default handler).
import _thread
import signal
import threading
import time

try:
    _thread.interrupt_main()
    print("not reached")
except KeyboardInterrupt as e:
    print("KeyboardInterrupt raised at the call:", repr(e))

got = []
signal.signal(signal.SIGUSR1, lambda signum, frame: got.append(signum == signal.SIGUSR1))
_thread.interrupt_main(signal.SIGUSR1)
print("handler ran before the next line:", got)

signal.signal(signal.SIGINT, signal.SIG_IGN)
_thread.interrupt_main()
print("ignored SIGINT: no exception")
signal.signal(signal.SIGINT, signal.default_int_handler)

for bad in (0, -1, 99999):
    try:
        _thread.interrupt_main(bad)
    except ValueError as e:
        print(bad, "ValueError:", e)

# from another thread: raised in the main thread while it waits
def interrupter():
    time.sleep(0.05)
    _thread.interrupt_main()

t = threading.Thread(target=interrupter)
try:
    t.start()
    while True:
        time.sleep(0.01)
except KeyboardInterrupt:
    print("KeyboardInterrupt from the other thread")
t.join()
