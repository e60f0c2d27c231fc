# contextlib: contextmanager, suppress, closing, nullcontext, ExitStack, ContextDecorator.
import contextlib
from contextlib import contextmanager, suppress, closing, nullcontext, ExitStack

log = []

@contextmanager
def tag(name):
    log.append("<" + name + ">")
    try:
        yield name.upper()
    finally:
        log.append("</" + name + ">")

with tag("a") as t:
    log.append(t)
print(log)

@contextmanager
def swallow(kind):
    try:
        yield
    except kind as e:
        print("swallowed", type(e).__name__, e)

with swallow(KeyError):
    {}["missing"]
print("after swallow")
try:
    with swallow(KeyError):
        raise ValueError("not swallowed")
except ValueError as e:
    print("propagated", e)

@contextmanager
def no_yield():
    if False:
        yield

try:
    with no_yield():
        pass
except RuntimeError as e:
    print("RuntimeError:", e)

@contextmanager
def twice():
    yield 1
    yield 2

try:
    with twice():
        pass
except RuntimeError as e:
    print("RuntimeError:", e)

@contextmanager
def stop_inside():
    yield

try:
    with stop_inside():
        raise StopIteration("inner")
except StopIteration as e:
    print("StopIteration passes through:", e)

@tag("decorated")
def work(x):
    log.append("work %d" % x)
    return x * 10

log.clear()
print(work(1), work(2), log)

with suppress(ZeroDivisionError, KeyError):
    1 / 0
print("suppressed")
try:
    with suppress(KeyError):
        [][1]
except IndexError as e:
    print("IndexError not suppressed:", e)

class Resource:
    def __init__(self, name):
        self.name = name
    def close(self):
        print("closing", self.name)

with closing(Resource("db")) as r:
    print("using", r.name)

with nullcontext(42) as v:
    print("nullcontext gives", v)
with nullcontext() as v:
    print("nullcontext default", v)

with ExitStack() as stack:
    names = [stack.enter_context(tag(n)) for n in "xyz"]
    stack.callback(print, "callback runs first")
    print("entered", names)
print(log[-3:])

def failing_exit(*exc):
    print("failing exit sees", exc[0].__name__ if exc[0] else None)
    raise KeyError("from exit")

try:
    with ExitStack() as stack:
        stack.push(failing_exit)
        stack.callback(print, "plain callback")
        raise ValueError("body")
except KeyError as e:
    print("KeyError:", e, "context:", repr(e.__context__))

def suppressor(*exc):
    print("suppressing", exc[0].__name__)
    return True

with ExitStack() as stack:
    stack.push(suppressor)
    raise IndexError("gone")
print("suppressed by ExitStack")

with ExitStack() as outer:
    inner = ExitStack()
    inner.callback(print, "moved callback")
    moved = inner.pop_all()
    inner.close()
    print("inner closed, moved kept")
    outer.push(moved)
print("done")

try:
    with ExitStack() as stack:
        stack.enter_context(object())
except TypeError as e:
    print("TypeError:", e)

class Deco(contextlib.ContextDecorator):
    def __enter__(self):
        print("enter deco")
        return self
    def __exit__(self, *exc):
        print("exit deco", exc[0])
        return False

@Deco()
def decorated():
    print("inside decorated")
    return "result"
print(decorated())
print(issubclass(Resource, contextlib.AbstractContextManager), issubclass(ExitStack, contextlib.AbstractContextManager))
