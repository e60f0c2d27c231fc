# try/finally inside generators and cleanup ordering.
def resource(name):
    print("  open", name)
    try:
        for i in range(3):
            yield f"{name}{i}"
    finally:
        print("  close", name)

for item in resource("a"):
    print(item)

held = resource("b")
for item in held:
    print(item)
    if item == "b1":
        break
print("after break (generator suspended)")
held.close()
print("closed explicitly")

gen = resource("c")
print(next(gen))
gen.close()

def with_cleanup():
    try:
        yield 1
    finally:
        print("  finally with yield inside")
        yield "from finally"
w = with_cleanup()
print(next(w))
print(next(w))
try:
    next(w)
except StopIteration:
    print("exhausted")

def except_in_gen():
    try:
        yield 1
        1 / 0
    except ZeroDivisionError:
        print("  caught inside generator")
        yield "handled"
    yield "continue"
print(list(except_in_gen()))

def error_escapes():
    yield 1
    raise ValueError("escaping")
eg = error_escapes()
print(next(eg))
try:
    next(eg)
except ValueError as e:
    print("ValueError:", e)
try:
    next(eg)
except StopIteration:
    print("dead after exception")

def return_in_finally():
    try:
        yield 1
        yield 2
    finally:
        return "finally return"
r = return_in_finally()
print(next(r))
try:
    r.throw(KeyError("swallowed"))
except StopIteration as e:
    print("StopIteration value:", e.value)

class CM:
    def __enter__(self):
        print("  enter")
        return self
    def __exit__(self, *exc):
        print("  exit", exc[0].__name__ if exc[0] else None)
        return False
def gen_with():
    with CM():
        yield "in with 1"
        yield "in with 2"
gw = gen_with()
print(next(gw))
gw.close()
print(list(gen_with()))
