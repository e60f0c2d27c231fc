# __context__ is set where an exception is raised (a raise statement, a
# builtin's own error, a stored exception raised again), with the exception
# being handled there; passing through frames, generators and builtins
# never changes it.
import asyncio


def ctx(e):
    c = e.__context__
    return None if c is None else "%s(%s)" % (type(c).__name__, c)


def plain_gen():
    yield 1


def gen_with_finally():
    try:
        yield 1
    finally:
        pass


def gen_in_handler():
    try:
        raise KeyError("own")
    except KeyError:
        yield 1


def delegating():
    try:
        raise KeyError("outer-gen")
    except KeyError:
        yield from plain_gen()


def throw_cases():
    for make in (plain_gen, gen_with_finally, gen_in_handler, delegating):
        g = make()
        next(g)
        try:
            raise OSError("caller")
        except OSError:
            try:
                g.throw(ValueError("thrown"))
            except ValueError as e:
                print(make.__name__, "throw ->", ctx(e))
    # Thrown into a generator that never started, and one that is finished.
    for started in (False, True):
        g = plain_gen()
        if started:
            list(g)
        try:
            raise OSError("caller")
        except OSError:
            try:
                g.throw(ValueError("thrown"))
            except ValueError as e:
                print("started=%s finished-or-new throw ->" % started, ctx(e))


def reraise_replaces():
    try:
        try:
            raise OSError("first")
        except OSError:
            raise ValueError("v")
    except ValueError as e:
        err = e
    print("before:", ctx(err))
    try:
        raise KeyError("second")
    except KeyError:
        try:
            raise err
        except ValueError as e:
            print("raise again inside a handler ->", ctx(e))
    try:
        raise err
    except ValueError as e:
        print("raise again outside any handler ->", ctx(e))


def through_builtins():
    def bad(x):
        raise TypeError("from a lambda")

    try:
        raise KeyError("k")
    except KeyError:
        try:
            list(map(bad, [1]))
        except TypeError as e:
            print("map -> python raise:", ctx(e))
        try:
            int("nope")
        except ValueError as e:
            print("builtin's own error:", ctx(e))
        try:
            next(iter([]))
        except StopIteration as e:
            print("next() StopIteration:", ctx(e))


def error_escapes_generator_finally():
    # The generator raises inside its own try; its finally re-raises on the
    # way out. The resumer's handled exception is the context at the raise.
    def g():
        try:
            yield 1
            raise ValueError("inner")
        finally:
            pass

    it = g()
    next(it)
    try:
        raise KeyError("resumer")
    except KeyError:
        try:
            next(it)
        except ValueError as e:
            print("raised in generator ->", ctx(e))


def close_chains_to_caller():
    def g():
        try:
            yield 1
        except GeneratorExit as e:
            print("GeneratorExit context:", ctx(e))
            raise

    it = g()
    next(it)
    try:
        raise KeyError("closing")
    except KeyError:
        it.close()


async def futures():
    loop = asyncio.get_running_loop()
    fut = loop.create_future()
    fut.set_exception(ValueError("stored"))
    try:
        raise KeyError("awaiter")
    except KeyError:
        try:
            fut.result()
        except ValueError as e:
            print("future.result() ->", ctx(e))
        try:
            await fut
        except ValueError as e:
            print("await future ->", ctx(e))

    async def fails():
        raise OSError("in task")

    t = asyncio.ensure_future(fails())
    await asyncio.sleep(0)
    try:
        raise KeyError("later")
    except KeyError:
        try:
            await t
        except OSError as e:
            print("await failed task ->", ctx(e))

    async def cancelled_inside():
        try:
            await asyncio.sleep(10)
        except asyncio.CancelledError as e:
            print("CancelledError in task ->", ctx(e))
            raise

    t = asyncio.ensure_future(cancelled_inside())
    await asyncio.sleep(0)
    t.cancel()
    try:
        await t
    except asyncio.CancelledError as e:
        print("awaited cancelled task ->", ctx(e) is None)


throw_cases()
reraise_replaces()
through_builtins()
error_escapes_generator_finally()
close_chains_to_caller()
asyncio.run(futures())
