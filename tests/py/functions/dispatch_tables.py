# Functions stored in data structures and dispatched dynamically.
def add(a, b):
    return a + b
def sub(a, b):
    return a - b
def mul(a, b):
    return a * b
def div(a, b):
    if b == 0:
        raise ZeroDivisionError("cannot divide " + str(a) + " by zero")
    return a / b

OPS = {"+": add, "-": sub, "*": mul, "/": div}

def calc(expr):
    a, op, b = expr.split()
    try:
        fn = OPS[op]
    except KeyError:
        return f"unknown operator {op!r}"
    try:
        return fn(int(a), int(b))
    except ZeroDivisionError as e:
        return f"error: {e}"

for e in ["1 + 2", "7 - 10", "6 * 7", "9 / 3", "1 / 0", "2 ^ 3"]:
    print(e, "=", calc(e))

def rpn(tokens):
    stack = []
    for t in tokens.split():
        if t in OPS:
            b, a = stack.pop(), stack.pop()
            stack.append(OPS[t](a, b))
        else:
            stack.append(int(t))
    return stack
print(rpn("3 4 + 2 *"), rpn("10 2 8 * + 3 -"), rpn("1 2 3"))

handlers = []
def on(event):
    def deco(fn):
        handlers.append((event, fn))
        return fn
    return deco

@on("start")
def h1(data):
    return f"h1 saw start with {data}"
@on("stop")
def h2(data):
    return f"h2 saw stop with {data}"
@on("start")
def h3(data):
    return f"h3 also saw start with {data}"

def emit(event, data):
    return [fn(data) for ev, fn in handlers if ev == event]
print(emit("start", 1))
print(emit("stop", 2))
print(emit("other", 3))

class Machine:
    def __init__(self):
        self.state = "idle"
        self.log = []
    def on_idle(self, ev):
        if ev == "go":
            return "running"
        return "idle"
    def on_running(self, ev):
        return {"pause": "paused", "halt": "idle"}.get(ev, "running")
    def on_paused(self, ev):
        return "running" if ev == "go" else "paused"
    def feed(self, ev):
        handler = getattr(self, "on_" + self.state)
        self.state = handler(ev)
        self.log.append(self.state)
m = Machine()
for ev in ["go", "pause", "noise", "go", "halt", "go"]:
    m.feed(ev)
print(m.log)

table = [(lambda x: x < 0, "negative"), (lambda x: x == 0, "zero"), (lambda x: True, "positive")]
def classify(x):
    return next(label for pred, label in table if pred(x))
print([classify(v) for v in (-5, 0, 5)])
