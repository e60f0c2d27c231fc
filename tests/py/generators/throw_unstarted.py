# Throwing into a generator or coroutine that never ran: the exception
# leaves its frame at once, so a StopIteration becomes RuntimeError
# (PEP 479) and the generator is finished afterwards.
import types


def numbers():
    yield 1
    yield 2


def show(label, fn):
    try:
        print(label, "->", fn())
    except BaseException as e:
        cause = type(e.__cause__).__name__ if e.__cause__ else None
        print(label, "->", type(e).__name__, str(e) or "(no message)", "cause:", cause)


g = numbers()
show("StopIteration class", lambda: g.throw(StopIteration))
show("next after it", lambda: next(g))
show("StopIteration instance", lambda: numbers().throw(StopIteration("v")))
show("ValueError", lambda: numbers().throw(ValueError("bad")))
show("KeyError passes", lambda: numbers().throw(KeyError))


class Stop(StopIteration):
    pass


show("subclass of StopIteration", lambda: numbers().throw(Stop))

# A generator started, then thrown into outside its try: same conversion.
g = numbers()
next(g)
show("started", lambda: g.throw(StopIteration))


async def job():
    return 5


c = job()
show("coroutine", lambda: c.throw(StopIteration))
c.close()


@types.coroutine
def legacy():
    yield


show("generator-based coroutine", lambda: legacy().throw(StopIteration))
