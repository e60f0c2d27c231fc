# Queue.task_done() and Queue.join(): join returns once every item is processed.
import queue
import threading

q = queue.Queue()
processed = []
lock = threading.Lock()

def worker():
    while True:
        item = q.get()
        if item is None:
            q.task_done()
            return
        with lock:
            processed.append(item * 2)
        q.task_done()

ts = [threading.Thread(target=worker, daemon=True) for _ in range(4)]
for t in ts: t.start()
for i in range(200):
    q.put(i)
q.join()
print("after join:", len(processed), sum(processed), q.unfinished_tasks)
for _ in ts: q.put(None)
q.join()
for t in ts: t.join()
print("workers done:", not any(t.is_alive() for t in ts))

try:
    q.task_done()
except ValueError as e:
    print("ValueError:", e)

# join on a queue with nothing unfinished returns at once
queue.Queue().join()
print("empty join ok")
