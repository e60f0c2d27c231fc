# The camelCase aliases still work and warn (DeprecationWarning, shown for
# __main__ by the default filters), pointing at the caller's line.
import threading

t = threading.Thread(name="old-style")
print(t.getName())
t.setName("renamed")
print(t.name, t.isDaemon())
t.setDaemon(True)
print(t.daemon)
print(threading.currentThread() is threading.current_thread())
print(threading.activeCount() == threading.active_count())
ev = threading.Event()
print(ev.isSet())
c = threading.Condition()
with c:
    c.notifyAll()
print("done")
