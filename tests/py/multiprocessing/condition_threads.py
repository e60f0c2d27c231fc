# A multiprocessing Condition waited on by a child process and by a thread
# of the parent at once; each notify wakes exactly one (the SemLock's
# recursion count is shared by the parent's threads).
import multiprocessing as mp
import threading
import time


def sleeper(cond, sleeping, woken):
    with cond:
        sleeping.release()
        cond.wait(60)
        woken.release()


def wait_value(sem, want):
    for _ in range(600):
        if sem.get_value() == want:
            return want
        time.sleep(0.01)
    return sem.get_value()


if __name__ == "__main__":
    ctx = mp.get_context("spawn")
    for rnd in range(3):
        cond, sleeping, woken = ctx.Condition(), ctx.Semaphore(0), ctx.Semaphore(0)
        p = ctx.Process(target=sleeper, args=(cond, sleeping, woken))
        p.start()
        t = threading.Thread(target=sleeper, args=(cond, sleeping, woken))
        t.start()
        sleeping.acquire()
        sleeping.acquire()
        print("round", rnd, "asleep", woken.get_value())
        for k in (1, 2):
            with cond:
                cond.notify()
            print("woken", wait_value(woken, k))
        p.join(60)
        t.join(60)
        print("exit", p.exitcode)
    rl = ctx.RLock()
    counts = []

    def nest():
        for _ in range(200):
            with rl:
                with rl:
                    counts.append(rl._semlock._count())

    ts = [threading.Thread(target=nest) for _ in range(4)]
    for t in ts:
        t.start()
    for t in ts:
        t.join()
    print(len(counts), set(counts))
