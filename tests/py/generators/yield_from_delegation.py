# send/throw/close are forwarded through yield from.
def inner():
    print("  inner start")
    try:
        while True:
            try:
                x = yield "inner ready"
                print("  inner got", x)
            except KeyError as e:
                print("  inner handled KeyError", e)
                yield "inner recovered"
    finally:
        print("  inner finally")

def outer():
    print("  outer start")
    try:
        r = yield from inner()
    except ValueError as e:
        print("  outer caught ValueError", e)
        yield "outer recovered"
    finally:
        print("  outer finally")

g = outer()
print(next(g))
print(g.send("hello"))
print(g.throw(KeyError("k")))
print(next(g))
print(g.throw(ValueError("v")))
try:
    next(g)
except StopIteration:
    print("outer finished")

g2 = outer()
next(g2)
g2.close()
print("closed g2")

class Iter:
    def __init__(self):
        self.i = 0
    def __iter__(self):
        return self
    def __next__(self):
        self.i += 1
        if self.i > 3:
            raise StopIteration
        return self.i
def over_iter():
    yield from Iter()
og = over_iter()
print(next(og))
try:
    og.send("x")
except AttributeError as e:
    print("AttributeError:", e)

def over_list():
    yield from [1, 2, 3]
ol = over_list()
next(ol)
try:
    ol.throw(IndexError("into list iterator"))
except IndexError as e:
    print("IndexError:", e)

def returns(v):
    yield "step"
    return v
def collect():
    results = []
    for v in ("a", "b"):
        results.append((yield from returns(v)))
    return results
c = collect()
print(list(c))
c = collect()
next(c); next(c)
try:
    next(c)
except StopIteration as e:
    print("collected", e.value)

def stop_value():
    yield 1
    return StopIteration("value is an exception object")
def wrap():
    v = yield from stop_value()
    yield type(v).__name__
print(list(wrap()))

def closer_inner():
    try:
        yield 1
    except GeneratorExit:
        print("  inner sees GeneratorExit")
        raise
def closer_outer():
    try:
        yield from closer_inner()
    except GeneratorExit:
        print("  outer sees GeneratorExit")
        raise
co = closer_outer()
next(co)
co.close()
