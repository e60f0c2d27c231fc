# sys.addaudithook and sys.audit: hook order, arguments, vetoes and errors.
import sys

log = []


def first(event, args):
    if event.startswith("demo.") or event == "sys.addaudithook":
        log.append(("first", event, args))
    if event == "demo.fail":
        raise ValueError("refused by first")
    if event == "demo.exit":
        raise SystemExit(7)


sys.addaudithook(first)
sys.audit("demo.plain")
sys.audit("demo.args", 1, "two", [3])
print(log)
log.clear()


class Vetoer:
    # Raising an Exception on sys.addaudithook keeps the new hook out.
    def __init__(self):
        self.armed = True

    def __call__(self, event, args):
        if event == "sys.addaudithook" and self.armed:
            raise RuntimeError("no more hooks")
        if event.startswith("demo."):
            log.append(("vetoer", event, args))


v = Vetoer()
sys.addaudithook(v)


def never(event, args):
    log.append(("never", event))


print(sys.addaudithook(never))  # None: vetoed silently
sys.audit("demo.after_veto")
print(log)
log.clear()

try:
    sys.audit("demo.fail", 42)
except ValueError as e:
    print("ValueError:", e)
print(log)
log.clear()

try:
    sys.audit("demo.exit")
except SystemExit as e:
    print("SystemExit:", e.code)
log.clear()

# Argument errors.
for args in [(), (5,), (b"bytes",)]:
    try:
        sys.audit(*args)
    except TypeError as e:
        print("TypeError:", e)
try:
    sys.audit("demo.kw", x=1)
except TypeError as e:
    print("TypeError:", e)


class MyStr(str):
    pass


sys.audit(MyStr("demo.subclass"), None)
ev = log[-1][1]
print(type(ev).__name__, ev)
log.clear()

# A BaseException raised on sys.addaudithook propagates.
v.armed = False


def base_raiser(event, args):
    if event == "sys.addaudithook":
        raise KeyboardInterrupt("stop")


sys.addaudithook(base_raiser)
try:
    sys.addaudithook(lambda e, a: None)
except KeyboardInterrupt as e:
    print("KeyboardInterrupt:", e)
print([entry[:2] for entry in log])
