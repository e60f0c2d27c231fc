# multiprocessing with the default start method (fork on Linux).
import multiprocessing as mp
import os


def square(x):
    return x * x


def produce(q, n):
    q.put((n, os.getpid() != PARENT))


def add_one(v):
    with v.get_lock():
        v.value += 1


PARENT = os.getpid()

if __name__ == "__main__":
    print("start method:", mp.get_start_method())
    with mp.Pool(3) as pool:
        print("map:", pool.map(square, range(12)))
        print("apply:", pool.apply(square, (7,)))
        print("imap:", sorted(pool.imap_unordered(square, range(5))))
    q = mp.Queue()
    procs = [mp.Process(target=produce, args=(q, i)) for i in range(4)]
    for p in procs:
        p.start()
    got = sorted(q.get() for _ in procs)
    for p in procs:
        p.join()
    print("queue:", got)
    print("exit codes:", [p.exitcode for p in procs])
    p = mp.Process(target=os._exit, args=(4,))
    p.start()
    p.join()
    print("exitcode 4:", p.exitcode)
    parent, child = mp.Pipe()
    p = mp.Process(target=lambda c: c.send(sum(range(100))), args=(child,))
    p.start()
    print("pipe:", parent.recv())
    p.join()
