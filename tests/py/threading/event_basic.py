# Event: set, clear, is_set, wait with and without timeout.
import threading

e = threading.Event()
print("initial:", e.is_set())
print("wait timeout:", e.wait(0.02))
e.set()
print("after set:", e.is_set(), e.wait(), e.wait(0))
e.clear()
print("after clear:", e.is_set(), e.wait(0))

# many waiters released by one set()
start = threading.Event()
lock = threading.Lock()
released = []
def waiter(i):
    r = start.wait(10)
    with lock:
        released.append((i, r))
ts = [threading.Thread(target=waiter, args=(i,)) for i in range(6)]
for t in ts: t.start()
start.set()
for t in ts: t.join()
print("released:", sorted(released))

# ping-pong ordering with two events
ping, pong = threading.Event(), threading.Event()
log = []
def player():
    for i in range(3):
        ping.wait(); ping.clear()
        log.append(f"pong {i}")
        pong.set()
p = threading.Thread(target=player)
p.start()
for i in range(3):
    log.append(f"ping {i}")
    ping.set()
    pong.wait(); pong.clear()
p.join()
print(log)
