# generator.send and the value of yield expressions.
def accumulator():
    total = 0
    while True:
        value = yield total
        if value is None:
            break
        total += value
    return total

acc = accumulator()
print(acc.send(None))
print(acc.send(5))
print(acc.send(10))
print(acc.send(-3))
try:
    acc.send(None)
except StopIteration as e:
    print("finished with", e.value)

g = accumulator()
try:
    g.send(1)
except TypeError as e:
    print("TypeError:", e)
print(next(g))
print(g.send(2))

def running_avg():
    count, total, avg = 0, 0.0, None
    while True:
        x = yield avg
        count += 1
        total += x
        avg = total / count
ra = running_avg()
next(ra)
for v in [10, 20, 30, 40]:
    print(ra.send(v))

def coroutine_log():
    log = []
    try:
        while True:
            msg = yield len(log)
            log.append(msg)
    finally:
        print("  log was", log)

c = coroutine_log()
print(next(c))
print(c.send("a"), c.send("b"))
c.close()

def two_way():
    received = []
    for i in range(3):
        got = yield i * 100
        received.append(got)
    yield received
tw = two_way()
print(next(tw), tw.send("x"), tw.send("y"), tw.send("z"))

def gen_send_after_done():
    yield 1
gd = gen_send_after_done()
next(gd)
try:
    gd.send("late")
except StopIteration:
    print("StopIteration on send to finishing generator")
try:
    gd.send("again")
except StopIteration:
    print("StopIteration again")

def next_is_send_none():
    while True:
        x = yield
        print("  got", repr(x))
n = next_is_send_none()
next(n)
next(n)
n.send(0)
n.send(None)

def yield_value_sent():
    x = yield "first"
    y = yield x * 2
    yield (x, y)
s = yield_value_sent()
print(s.send(None), s.send(21), s.send("b"))
