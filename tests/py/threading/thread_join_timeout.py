# join(timeout) returns after the timeout while the thread is still running.
import threading
import time

release = threading.Event()
t = threading.Thread(target=release.wait, name="blocked")
t.start()
start = time.monotonic()
t.join(timeout=0.05)
elapsed = time.monotonic() - start
print("returned after timeout:", elapsed >= 0.04, "alive:", t.is_alive())
t.join(0)
print("join(0) alive:", t.is_alive())
release.set()
t.join(timeout=5)
print("after release alive:", t.is_alive())

# join(None) waits for good
box = []
def slow():
    time.sleep(0.05)
    box.append("done")
s = threading.Thread(target=slow)
s.start()
s.join(None)
print(box)
