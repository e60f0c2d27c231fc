# time.sleep and sys.setswitchinterval / getswitchinterval.
import sys
import time
import threading

print("default interval:", sys.getswitchinterval())
sys.setswitchinterval(0.001)
print("set:", sys.getswitchinterval())
sys.setswitchinterval(0.25)
print("set:", sys.getswitchinterval())
for bad in (0, -1.0):
    try:
        sys.setswitchinterval(bad)
    except ValueError as e:
        print("ValueError:", e)
try:
    sys.setswitchinterval("fast")
except TypeError as e:
    print("TypeError:", e)
sys.setswitchinterval(0.005)

start = time.monotonic()
time.sleep(0.05)
print("slept enough:", time.monotonic() - start >= 0.045)
time.sleep(0)
try:
    time.sleep(-1)
except ValueError as e:
    print("ValueError:", e)
try:
    time.sleep("1")
except TypeError as e:
    print("TypeError:", e)

# sleeping threads run concurrently: 8 threads x 0.1 s take well under 0.8 s
def nap():
    time.sleep(0.1)
start = time.monotonic()
ts = [threading.Thread(target=nap) for _ in range(8)]
for t in ts: t.start()
for t in ts: t.join()
print("concurrent sleeps:", time.monotonic() - start < 0.6)
