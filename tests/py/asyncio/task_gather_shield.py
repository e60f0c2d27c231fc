# Cancellation crossing gather(), shield() and wait_for(): which children get
# cancelled, which messages arrive, return_exceptions, the shielded inner task
# surviving, wait_for timeouts on futures and tasks (no real delays: every
# timeout here fires on an already-due or zero deadline).
import asyncio


async def child(name, log, gate):
    try:
        await gate
        log.append(f"{name} done")
        return name
    except asyncio.CancelledError as e:
        log.append(f"{name} cancelled {e.args}")
        raise


async def outcome(aw):
    try:
        return ("result", await aw)
    except asyncio.CancelledError as e:
        return ("CancelledError", e.args)
    except Exception as e:
        return (type(e).__name__, e.args)


async def main():
    loop = asyncio.get_running_loop()

    # cancelling the gather future cancels every child
    log, gate = [], loop.create_future()
    g = asyncio.gather(child("a", log, gate), child("b", log, gate))
    await asyncio.sleep(0)
    print("gather cancel ->", g.cancel("all"))
    print(await outcome(g), sorted(log))

    # cancelling one child: gather propagates CancelledError
    log, gate_a, gate_b = [], loop.create_future(), loop.create_future()
    ta = asyncio.create_task(child("a", log, gate_a))
    tb = asyncio.create_task(child("b", log, gate_b))
    g = asyncio.gather(ta, tb)
    await asyncio.sleep(0)
    tb.cancel("only b")
    print(await outcome(g), log, ta.done(), gate_b.cancelled())
    gate_a.set_result(None)
    print("a still finishes:", await ta)

    # return_exceptions=True collects the CancelledError instead
    log, gate_a, gate_b = [], loop.create_future(), loop.create_future()
    ta = asyncio.create_task(child("a", log, gate_a))
    tb = asyncio.create_task(child("b", log, gate_b))
    g = asyncio.gather(ta, tb, return_exceptions=True)
    await asyncio.sleep(0)
    tb.cancel("b again")
    gate_a.set_result(None)
    res = await g
    print([r if isinstance(r, str) else (type(r).__name__, r.args) for r in res], log)

    # gather of already finished futures and plain values from coroutines
    f = loop.create_future()
    f.set_result("ready")
    print(await asyncio.gather(f, asyncio.sleep(0, "slept")), await asyncio.gather())

    # shield: the outer await is cancelled, the inner task goes on
    log, gate = [], loop.create_future()
    inner = asyncio.create_task(child("inner", log, gate))

    async def shielded():
        return await asyncio.shield(inner)

    outer = asyncio.create_task(shielded())
    await asyncio.sleep(0)
    outer.cancel("outer only")
    print("outer:", await outcome(outer), "inner done:", inner.done())
    gate.set_result(None)
    print("inner:", await inner, log)

    # shield of a finished future returns it as is; shield of a cancelled inner
    done = loop.create_future()
    done.set_result(1)
    print("shield(done) is done:", asyncio.shield(done) is done)
    cancelled_inner = loop.create_future()
    s = asyncio.shield(cancelled_inner)
    cancelled_inner.cancel()
    await asyncio.sleep(0)
    print("outer of cancelled inner:", s.cancelled())

    # wait_for with a zero timeout on a pending future: TimeoutError, future cancelled
    fut = loop.create_future()
    print(await outcome(asyncio.wait_for(fut, 0)), fut.cancelled())
    fut = loop.create_future()
    fut.set_result("in time")
    print(await outcome(asyncio.wait_for(fut, 0)))
    log, gate = [], loop.create_future()
    t = asyncio.create_task(child("timed", log, gate))
    print(await outcome(asyncio.wait_for(t, -1)), t.cancelled(), log)
    gate = loop.create_future()
    loop.call_soon(gate.set_result, "soon")
    print(await outcome(asyncio.wait_for(gate, None)))

    # cancelling the task that is inside wait_for cancels the awaited task too
    log, gate = [], loop.create_future()
    inner = asyncio.create_task(child("waited", log, gate))

    async def waits():
        return await asyncio.wait_for(inner, 100)

    w = asyncio.create_task(waits())
    await asyncio.sleep(0)
    await asyncio.sleep(0)
    w.cancel("stop waiting")
    print(await outcome(w), inner.cancelled(), log)

    # asyncio.wait() never cancels
    gate = loop.create_future()
    t = asyncio.create_task(child("w", [], gate))
    done_set, pending = await asyncio.wait([t], timeout=0)
    print("wait timeout:", len(done_set), len(pending), t.cancelled())
    gate.set_result(None)
    done_set, pending = await asyncio.wait([t])
    print("wait:", [x.result() for x in done_set], len(pending))


asyncio.run(main())
