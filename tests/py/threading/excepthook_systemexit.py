# SystemExit inside a thread ends just that thread; the process exit code is unaffected.
import threading
import sys

log = []
def quitter():
    log.append("quitter start")
    sys.exit("bye from thread")
    log.append("unreachable")

t = threading.Thread(target=quitter, name="quitter")
t.start(); t.join()
print(log, "alive:", t.is_alive())

def raise_exit():
    raise SystemExit(5)
t = threading.Thread(target=raise_exit)
t.start(); t.join()
print("main still here")
