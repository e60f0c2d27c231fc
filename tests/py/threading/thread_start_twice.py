# A thread can be started only once, even after it has finished.
import threading

done = []
t = threading.Thread(target=done.append, args=(1,), name="once")
t.start()
try:
    t.start()
except RuntimeError as e:
    print("second start while running or finished:", e)
t.join()
try:
    t.start()
except RuntimeError as e:
    print("start after join:", e)
print("ran", len(done), "time(s)")

class Sub(threading.Thread):
    def run(self):
        pass

s = Sub()
s.start(); s.join()
try:
    s.start()
except RuntimeError as e:
    print("subclass:", e)
