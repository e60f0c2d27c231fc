# queue details: generic aliases, maxsize <= 0 and non-int maxsize,
# argument errors, the public attributes, a PriorityQueue given items that
# do not compare, and task_done() accounting.
import queue


def attempt(label, fn, *args, **kwargs):
    try:
        print(label, "->", fn(*args, **kwargs))
    except Exception as e:
        print(label, "->", type(e).__name__ + ":", repr(str(e)))


print(queue.Queue[int], queue.LifoQueue[str], queue.PriorityQueue[tuple], queue.SimpleQueue[int])
print(queue.Queue[int].__origin__ is queue.Queue, queue.SimpleQueue[bytes].__args__)

for size in (0, -3):
    q = queue.Queue(size)
    for i in range(5):
        q.put_nowait(i)
    print("maxsize", size, q.qsize(), q.full(), q.maxsize)
q = queue.Queue(1.5)
q.put(1)
print("maxsize 1.5 after one:", q.full())
q.put(2, block=False)
attempt("third put", q.put_nowait, 3)
attempt("Queue('a').put", queue.Queue("a").put, 1)
attempt("Queue(1, 2)", queue.Queue, 1, 2)
attempt("put()", queue.Queue().put)
attempt("get(timeout=-1)", queue.Queue().get, timeout=-1)
attempt("put(timeout=-1) on full", q.put, 3, True, -1)
attempt("put(timeout=-1) not full", queue.Queue(5).put, 3, True, -1)
attempt("put(timeout=-1) unbounded", queue.Queue().put, 3, True, -1)
attempt("get(False, -1)", queue.Queue().get, False, -1)

q = queue.Queue(3)
print(sorted(k for k in vars(q)))
print(type(q.queue).__name__, type(q.mutex).__name__, type(q.not_empty).__name__)
print(q.not_empty._lock is q.mutex, q.not_full._lock is q.all_tasks_done._lock)
print(type(queue.LifoQueue().queue).__name__, type(queue.PriorityQueue().queue).__name__)

pq = queue.PriorityQueue()
pq.put(2)
attempt("incomparable put", pq.put, "two")
print("size after failed put:", pq.qsize(), pq.unfinished_tasks)
pq.put(1)
print(pq.get(), pq.get())
pq.put((1, "b"))
pq.put((1, "a"))
pq.put((0, "z"))
print([pq.get_nowait() for _ in range(3)])

q = queue.Queue()
q.put("a")
q.put("b")
print("unfinished:", q.unfinished_tasks)
q.get()
q.task_done()
q.get()
q.task_done()
print("unfinished:", q.unfinished_tasks)
attempt("task_done once more", q.task_done)
print("unfinished after error:", q.unfinished_tasks)
q.join()
print("join returned")

sq = queue.SimpleQueue()
attempt("SimpleQueue(1)", queue.SimpleQueue, 1)
attempt("get_nowait", sq.get_nowait)
attempt("get(timeout=-1)", sq.get, timeout=-1)
attempt("get(timeout='x')", sq.get, timeout="x")
attempt("get(1, 2, 3)", sq.get, 1, 2, 3)
attempt("put()", sq.put)
attempt("put(item=1, block=False, timeout=-5)", sq.put, item=1, block=False, timeout=-5)
print(sq.qsize(), sq.get(block=False), sq.empty())
print(queue.Empty.__module__, queue.Full.__module__, queue.SimpleQueue.__module__)
print(sorted(queue.__all__))
