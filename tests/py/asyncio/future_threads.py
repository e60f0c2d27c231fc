# Futures touched by several threads at once: of racing set_result/cancel
# calls on one future exactly one wins; a callback added while another thread
# finishes the future is scheduled exactly once; results cross threads through
# call_soon_threadsafe, run_coroutine_threadsafe and to_thread.
import asyncio
import threading

T = 4
N = 300

loop = asyncio.new_event_loop()

# 1. Racing set_result / cancel: one winner per future.
futs = [loop.create_future() for _ in range(N)]
wins = [0] * T
losses = [0] * T
barrier = threading.Barrier(T)


def racer(k):
    barrier.wait()
    for i, f in enumerate(futs):
        try:
            if (i + k) % 3 == 0:
                if f.cancel():
                    wins[k] += 1
                else:
                    losses[k] += 1
            else:
                f.set_result(k)
                wins[k] += 1
        except asyncio.InvalidStateError:
            losses[k] += 1


threads = [threading.Thread(target=racer, args=(k,)) for k in range(T)]
for t in threads:
    t.start()
for t in threads:
    t.join()
print("winners:", sum(wins), "losers:", sum(losses))
print("all done:", all(f.done() for f in futs))
print("states consistent:", all(f.cancelled() or f.result() in range(T) for f in futs))

# 2. Callbacks added by T threads while one more thread finishes the futures.
called = []
lock = threading.Lock()


def cb(f):
    with lock:
        called.append(f)


futs2 = [loop.create_future() for _ in range(N)]
ADDS = 5
barrier2 = threading.Barrier(T + 1)


def adder():
    barrier2.wait()
    for f in futs2:
        for _ in range(ADDS):
            f.add_done_callback(cb)


def finisher():
    barrier2.wait()
    for i, f in enumerate(futs2):
        f.set_result(i)


threads = [threading.Thread(target=adder) for _ in range(T)]
threads.append(threading.Thread(target=finisher))
for t in threads:
    t.start()
for t in threads:
    t.join()


async def drain():
    for _ in range(3):
        await asyncio.sleep(0)


loop.run_until_complete(drain())
print("callbacks run:", len(called), "expected:", N * T * ADDS)
per = {}
for f in called:
    per[id(f)] = per.get(id(f), 0) + 1
print("each future's callbacks:", sorted(set(per.values())))

# 3. Results crossing threads.


async def square(x):
    await asyncio.sleep(0)
    return x * x


async def main():
    lp = asyncio.get_running_loop()
    results = []

    def worker(k):
        cf = asyncio.run_coroutine_threadsafe(square(k), lp)
        results.append(cf.result(timeout=30))

    ws = [threading.Thread(target=worker, args=(k,)) for k in range(8)]
    for w in ws:
        w.start()
    while len(results) < 8:
        await asyncio.sleep(0.001)
    for w in ws:
        w.join()
    print("run_coroutine_threadsafe:", sorted(results))

    f = lp.create_future()
    threading.Thread(target=lambda: lp.call_soon_threadsafe(f.set_result, "from thread")).start()
    print("call_soon_threadsafe:", await f)

    total = await asyncio.gather(*(asyncio.to_thread(sum, range(k * 1000)) for k in range(6)))
    print("to_thread:", total)


loop.run_until_complete(main())
loop.close()
