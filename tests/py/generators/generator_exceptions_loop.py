# Exceptions flowing between generators and the loops that consume them.
def numbers():
    for i in range(5):
        try:
            yield i
        except ValueError as e:
            print("  generator got ValueError:", e)
            yield "after-error"
    print("  generator finished")

for v in numbers():
    print("consumer got", v)

try:
    for v in numbers():
        print("consumer got", v)
        if v == 2:
            raise KeyError("consumer failure")
except KeyError as e:
    print("KeyError in loop body:", e)

g = numbers()
print(next(g), next(g))
print(g.throw(ValueError("injected")))
print(next(g))
print(list(g))

def risky(limit):
    for i in range(limit):
        if i == 3:
            raise RuntimeError(f"failed at {i}")
        yield i

collected = []
try:
    for v in risky(10):
        collected.append(v)
except RuntimeError as e:
    print("RuntimeError:", e, "collected", collected)

def safe(gen):
    try:
        yield from gen
    except RuntimeError as e:
        yield f"recovered: {e}"
print(list(safe(risky(10))))
print(list(safe(risky(2))))

def with_else():
    for v in range(3):
        yield v
for v in with_else():
    pass
else:
    print("for-else runs after generator exhaustion, last =", v)

def stop_early():
    yield 1
    return
    yield 2
print(list(stop_early()))

def gen_raises_stop_value():
    yield 1
    return "stop value"
results = []
it = gen_raises_stop_value()
while True:
    try:
        results.append(next(it))
    except StopIteration as stop:
        results.append(("stopped", stop.value))
        break
print(results)

def zero_div_gen():
    yield 1
    yield 1 / 0
    yield 3
zg = zero_div_gen()
print(next(zg))
try:
    next(zg)
except ZeroDivisionError as e:
    print("ZeroDivisionError:", e)
print(next(zg, "generator is closed after an exception"))
