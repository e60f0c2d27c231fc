# Condition: producer/consumer with notify and notify_all.
import threading

cond = threading.Condition()
items = []
consumed = []
done = False

def consumer(name):
    while True:
        with cond:
            while not items and not done:
                cond.wait()
            if not items and done:
                return
            x = items.pop(0)
        consumed.append((x, name))

consumers = [threading.Thread(target=consumer, args=(f"c{i}",)) for i in range(3)]
for c in consumers:
    c.start()
for i in range(30):
    with cond:
        items.append(i)
        cond.notify()
with cond:
    done = True
    cond.notify_all()
for c in consumers:
    c.join()
print("consumed:", sorted(x for x, _ in consumed))
print("count:", len(consumed))

# notify(n) wakes at most n waiters; notify_all wakes the rest.
cond2 = threading.Condition(threading.Lock())
waiting = 0
woken = []
all_waiting = threading.Event()
def sleeper(i):
    global waiting
    with cond2:
        waiting += 1
        if waiting == 4:
            all_waiting.set()
        cond2.wait()
        woken.append(i)
ss = [threading.Thread(target=sleeper, args=(i,)) for i in range(4)]
for s in ss: s.start()
all_waiting.wait()
with cond2:
    cond2.notify(2)
while True:
    with cond2:
        if len(woken) == 2:
            break
print("after notify(2):", len(woken))
with cond2:
    cond2.notify_all()
for s in ss: s.join()
print("after notify_all:", sorted(woken))
