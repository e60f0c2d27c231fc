# PEP 479: StopIteration inside a generator becomes RuntimeError.
def leaky():
    yield 1
    raise StopIteration("escaped")

g = leaky()
print(next(g))
try:
    next(g)
except RuntimeError as e:
    print("RuntimeError:", e)
    print("cause:", type(e.__cause__).__name__, e.__cause__)
    print(e.__suppress_context__)

def next_on_empty():
    it = iter([])
    yield next(it)
try:
    list(next_on_empty())
except RuntimeError as e:
    print("RuntimeError:", e)

def safe_next():
    it = iter([1, 2])
    while True:
        try:
            v = next(it)
        except StopIteration:
            return "clean"
        yield v
print(list(safe_next()))

def subclass_stop():
    class MyStop(StopIteration):
        pass
    yield 0
    raise MyStop
try:
    list(subclass_stop())
except RuntimeError as e:
    print("RuntimeError:", e, type(e.__cause__).__name__)

def inner():
    raise StopIteration("from inner")
    yield
def outer():
    yield from inner()
try:
    list(outer())
except RuntimeError as e:
    print("RuntimeError:", e)

def caught_inside():
    try:
        raise StopIteration
    except StopIteration:
        yield "caught within generator"
print(list(caught_inside()))

class It:
    def __iter__(self):
        return self
    def __next__(self):
        raise StopIteration("normal in iterators")
print(list(It()))

def gen_expr_stop():
    return list(next(iter([])) for _ in range(1))
try:
    gen_expr_stop()
except RuntimeError as e:
    print("RuntimeError:", e)

def return_value():
    yield 1
    return "ret"
try:
    list(return_value())
    print("return in generator is fine")
except RuntimeError as e:
    print("unexpected", e)

def list_comp_stop():
    return [next(iter([])) for _ in range(1)]
try:
    list_comp_stop()
except StopIteration:
    print("StopIteration escapes list comprehension unchanged")
