# _thread.exit/exit_thread raise SystemExit (a thread ends quietly);
# _thread.interrupt_main trips a signal for the main thread.
import _thread, threading, signal, time
for bad in (0, 65, 100, -1):
    try:
        _thread.interrupt_main(bad)
    except ValueError as e:
        print("ValueError", e)
try:
    _thread.interrupt_main("x")
except TypeError as e:
    print("TypeError", e)
try:
    _thread.interrupt_main(signum=2)
except TypeError as e:
    print("TypeError", e)
try:
    _thread.exit(1)
except TypeError as e:
    print("TypeError", e)
try:
    _thread.exit()
except SystemExit as e:
    print("SystemExit", repr(e), e.code)
try:
    _thread.exit_thread()
except SystemExit as e:
    print("SystemExit", repr(e))

def quits():
    print("thread running")
    _thread.exit()
    print("not reached")
t = threading.Thread(target=quits); t.start(); t.join()
print("thread ended quietly")

def poke():
    time.sleep(0.05)
    _thread.interrupt_main()
threading.Thread(target=poke).start()
try:
    for _ in range(400):
        time.sleep(0.01)
    print("no interrupt")
except KeyboardInterrupt:
    print("KeyboardInterrupt in main")

got = []
signal.signal(signal.SIGUSR1, lambda s, f: got.append(s))
def poke2():
    _thread.interrupt_main(signal.SIGUSR1)
t = threading.Thread(target=poke2); t.start(); t.join()
for _ in range(100):
    if got: break
    time.sleep(0.01)
print("handler got", got)
signal.signal(signal.SIGINT, signal.SIG_IGN)
_thread.interrupt_main()
time.sleep(0.05)
print("ignored SIGINT: still running")
for big in (2**31, -2**40, 2**100):
    try:
        _thread.interrupt_main(big)
    except (OverflowError, ValueError) as e:
        print(type(e).__name__, e)
