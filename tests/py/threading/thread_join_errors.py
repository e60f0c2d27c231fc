# join() before start() and join() of the current thread raise RuntimeError.
import threading

t = threading.Thread(target=lambda: None)
try:
    t.join()
except RuntimeError as e:
    print("join unstarted:", e)
try:
    t.join(timeout=0.1)
except RuntimeError as e:
    print("join unstarted with timeout:", e)

try:
    threading.current_thread().join()
except RuntimeError as e:
    print("join main thread from itself:", e)

errors = []
def self_join():
    try:
        threading.current_thread().join()
    except RuntimeError as e:
        errors.append(str(e))

w = threading.Thread(target=self_join)
w.start(); w.join()
print("join self in worker:", errors)

# join is allowed many times after the thread finished.
t.start()
for _ in range(3):
    t.join()
print("joined thrice, alive:", t.is_alive())
