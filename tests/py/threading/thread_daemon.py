# daemon flag: default inherited from the creating thread, settable before start only.
import threading

print("main daemon:", threading.current_thread().daemon)
t = threading.Thread(target=lambda: None)
print("default:", t.daemon)
t.daemon = True
print("set:", t.daemon)
t2 = threading.Thread(target=lambda: None, daemon=True)
print("ctor:", t2.daemon)

inherited = []
def spawn_child():
    child = threading.Thread(target=lambda: None)
    inherited.append(child.daemon)
    child2 = threading.Thread(target=lambda: None, daemon=False)
    inherited.append(child2.daemon)

d = threading.Thread(target=spawn_child, daemon=True)
d.start(); d.join()
print("child of daemon:", inherited)

ev = threading.Event()
r = threading.Thread(target=ev.wait)
r.start()
try:
    r.daemon = True
except RuntimeError as e:
    print("set on active thread:", e)
ev.set()
r.join()
print("isDaemon:", r.daemon)
