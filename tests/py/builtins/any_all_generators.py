# any() and all() over generators stop the generator exactly where the
# first deciding value is yielded, whatever the values before it are.
log = []


def values(seq):
    for v in seq:
        log.append(v)
        yield v


def run(fn, seq):
    log.clear()
    g = values(seq)
    r = fn(g)
    consumed = list(log)
    print(fn.__name__, r, "consumed", len(consumed), consumed[-4:], "left", list(g))


class Truth:
    def __init__(self, b):
        self.b = b

    def __bool__(self):
        log.append("bool(%s)" % self.b)
        return self.b

    def __repr__(self):
        return "Truth(%s)" % self.b


run(any, [0, 0.0, None, False, "", 0, 3, 4, 5])
run(any, [0] * 600 + [1, 2])
run(any, [0] * 300)
run(any, [])
run(any, [0, Truth(False), 0, Truth(True), 0])
run(any, [0, [], (), 7])
run(any, [0, "x", 0])
run(any, [-0.0, float("nan"), 0])
run(all, [1, 2.5, True, "a", 0, 9, 9])
run(all, [1] * 700 + [None, 1])
run(all, [5] * 300)
run(all, [])
run(all, [1, Truth(True), 1, Truth(False), 1])
run(all, [1, [1], (), 1])


def failing():
    yield 0
    yield 0
    raise ValueError("stop")


def failing_truthy():
    yield 1
    yield 1
    raise ValueError("stop")


for fn, gen in ((any, failing), (all, failing_truthy)):
    try:
        fn(gen())
    except ValueError as e:
        print(fn.__name__, "raised", e)

print(all(x > 0 for x in range(1, 10000)), any(x > 9998 for x in range(10000)))
print(any(x < 0 for x in range(100000)), all(x >= 0 for x in range(100000)))
