# What __exit__ receives, and exceptions raised inside __exit__.
class Inspect:
    def __enter__(self):
        return self
    def __exit__(self, exc_type, exc, tb):
        self.info = (exc_type, exc, type(tb).__name__)
        return True

with Inspect() as i:
    raise KeyError("inside")
et, ev, tbname = i.info
print(et.__name__, repr(ev), tbname)

with Inspect() as i:
    pass
print(i.info)

with Inspect() as i:
    raise StopIteration(5)
print(i.info[0].__name__, i.info[1].value)

class Replace:
    def __enter__(self):
        return self
    def __exit__(self, *exc):
        if exc[0] is ValueError:
            raise TypeError("replaced " + str(exc[1])) from exc[1]
        return False
try:
    with Replace():
        raise ValueError("original")
except TypeError as e:
    print(e, "| cause:", repr(e.__cause__), "| context:", repr(e.__context__))

class CountingExit:
    exits = 0
    def __enter__(self):
        return self
    def __exit__(self, *exc):
        CountingExit.exits += 1
        return False

def early_exits():
    for i in range(3):
        with CountingExit():
            if i == 0:
                continue
            if i == 1:
                break
    with CountingExit():
        return "returned"
print(early_exits(), CountingExit.exits)

class Suppress:
    def __init__(self, *types):
        self.types = types
    def __enter__(self):
        return self
    def __exit__(self, et, ev, tb):
        return et is not None and issubclass(et, self.types)

with Suppress(KeyError, IndexError):
    {}["missing"]
print("KeyError suppressed")
with Suppress(LookupError):
    [][1]
print("IndexError suppressed via base class")
try:
    with Suppress(KeyError):
        1 / 0
except ZeroDivisionError:
    print("ZeroDivisionError not suppressed")

class ExitSeesBaseException:
    def __enter__(self):
        return self
    def __exit__(self, et, ev, tb):
        print("  exit sees", et.__name__)
        return True
with ExitSeesBaseException():
    raise SystemExit(3)
print("even SystemExit can be suppressed")

class EnterReturnsOther:
    def __enter__(self):
        return "something else"
    def __exit__(self, *a):
        return False
with EnterReturnsOther() as thing:
    print(thing)
