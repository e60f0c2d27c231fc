# Process, Queue, Pipe and the synchronisation primitives between processes
# (spawn start method).
import multiprocessing as mp


def producer(q, n):
    for i in range(n):
        q.put(("item", i))
    q.put(None)


def echo(conn):
    while True:
        msg = conn.recv()
        if msg is None:
            break
        conn.send(msg * 2)
    conn.send_bytes(b"raw bytes")
    conn.close()


def waiter(ev, lock, q):
    ev.wait(30)
    with lock:
        q.put("event seen")


def at_barrier(b, q, i):
    n = b.wait(30)
    q.put(("passed", i, n >= 0))


def cond_worker(cond, q):
    with cond:
        q.put("waiting")
        cond.wait(30)
        q.put("notified")


def sem_worker(sem, q, i):
    with sem:
        q.put(("in", i))


def exit_with(code):
    raise SystemExit(code)


if __name__ == "__main__":
    ctx = mp.get_context("spawn")
    q = ctx.Queue()
    p = ctx.Process(target=producer, args=(q, 5), name="prod")
    p.start()
    items = []
    while True:
        x = q.get(timeout=60)
        if x is None:
            break
        items.append(x)
    p.join(60)
    print(items, p.exitcode, p.name, p.is_alive())

    a, b = ctx.Pipe()
    p = ctx.Process(target=echo, args=(b,))
    p.start()
    for m in [1, "ab", [3]]:
        a.send(m)
        print("echo", a.recv())
    a.send(None)
    print(a.recv_bytes())
    p.join(60)
    print("echo exit", p.exitcode)

    ev, lock = ctx.Event(), ctx.Lock()
    p = ctx.Process(target=waiter, args=(ev, lock, q))
    p.start()
    print("set before:", ev.is_set())
    ev.set()
    print(q.get(timeout=60))
    p.join(60)

    bar = ctx.Barrier(3)
    ps = [ctx.Process(target=at_barrier, args=(bar, q, i)) for i in range(3)]
    for p in ps:
        p.start()
    print(sorted(q.get(timeout=60) for _ in range(3)))
    for p in ps:
        p.join(60)

    cond = ctx.Condition()
    p = ctx.Process(target=cond_worker, args=(cond, q))
    p.start()
    print(q.get(timeout=60))
    with cond:
        cond.notify_all()
    print(q.get(timeout=60))
    p.join(60)

    sem = ctx.Semaphore(2)
    ps = [ctx.Process(target=sem_worker, args=(sem, q, i)) for i in range(4)]
    for p in ps:
        p.start()
    print(sorted(q.get(timeout=60) for _ in range(4)))
    for p in ps:
        p.join(60)
    print("sem value", sem.get_value())

    p = ctx.Process(target=exit_with, args=(7,))
    p.start()
    p.join(60)
    print("exitcode", p.exitcode)
    lk = ctx.Lock()
    print(lk.acquire(), lk.acquire(timeout=0.05))
    lk.release()
    try:
        lk.release()
    except ValueError as e:
        print("ValueError:", e)
    rl = ctx.RLock()
    with rl:
        with rl:
            print("rlock nested")
    try:
        rl.release()
    except AssertionError as e:
        print("AssertionError:", e)
