# Generator-based consumers wired together with send().
def coroutine(fn):
    def start(*args, **kwargs):
        g = fn(*args, **kwargs)
        next(g)
        return g
    return start

@coroutine
def printer(prefix):
    while True:
        item = yield
        print(prefix, item)

@coroutine
def grep(pattern, target):
    while True:
        line = yield
        if pattern in line:
            target.send(line)

@coroutine
def counter(target):
    n = 0
    try:
        while True:
            item = yield
            n += 1
            target.send(f"#{n}: {item}")
    except GeneratorExit:
        print("  counter closing after", n, "items")
        raise

out = printer(">>")
stage = counter(out)
pipeline = grep("py", stage)
for line in ["python rocks", "java", "pypy is fast", "c", "cython"]:
    pipeline.send(line)
pipeline.close()
stage.close()

c = counter(printer("cnt"))
c.send("a")
c.send("b")
c.close()

@coroutine
def averager():
    total = count = 0
    avg = None
    while True:
        term = yield avg
        if term is None:
            break
        total += term
        count += 1
        avg = total / count
    return (count, avg)

a = averager()
print(a.send(10), a.send(20), a.send(60))
try:
    a.send(None)
except StopIteration as e:
    print("final:", e.value)

@coroutine
def broadcaster(*targets):
    while True:
        item = yield
        for t in targets:
            t.send(item)

b = broadcaster(printer("one"), printer("two"))
b.send("hello")
b.send(42)

def collector():
    items = []
    while True:
        item = yield
        if item is None:
            return items
        items.append(item)

def delegate():
    result = yield from collector()
    print("  collected", result)
    yield "done"

d = delegate()
next(d)
for v in ["x", "y", "z"]:
    d.send(v)
print(d.send(None))
