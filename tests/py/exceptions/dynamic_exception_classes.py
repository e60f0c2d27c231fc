# Exception classes created at runtime and matched dynamically.
def make_error(name, base=Exception):
    return type(name, (base,), {"__doc__": f"dynamic {name}"})

NetworkError = make_error("NetworkError")
TimeoutErr = make_error("TimeoutErr", NetworkError)
print(TimeoutErr.__mro__[1].__name__, TimeoutErr.__doc__)

try:
    raise TimeoutErr("took too long")
except NetworkError as e:
    print(type(e).__name__, e, isinstance(e, Exception))

errors = {name: make_error(name) for name in ["Alpha", "Beta"]}
for name in sorted(errors):
    try:
        raise errors[name](name.lower())
    except tuple(errors.values()) as e:
        print("caught", type(e).__name__, e.args)

class Mixin:
    def describe(self):
        return f"{type(self).__name__}: {self}"
class RichError(Mixin, LookupError):
    pass
try:
    raise RichError("rich")
except LookupError as e:
    print(e.describe())

def catch_with(exc_type_getter):
    try:
        raise ValueError("dynamic handler")
    except exc_type_getter():
        return "handled by " + exc_type_getter().__name__
print(catch_with(lambda: ValueError))
print(catch_with(lambda: Exception))

def classify(exc):
    for cls in type(exc).__mro__:
        if cls in (LookupError, ArithmeticError, OSError):
            return cls.__name__
    return "other"
print([classify(e) for e in [KeyError(), ZeroDivisionError(), FileNotFoundError(), TypeError()]])

class Retryable(Exception):
    retries = 3
class Fatal(Exception):
    retries = 0
def attempts(exc_cls):
    n = 0
    while True:
        try:
            n += 1
            raise exc_cls()
        except (Retryable, Fatal) as e:
            if n > e.retries:
                return n
print(attempts(Retryable), attempts(Fatal))

class WithInit(Exception):
    def __init__(self, *args, code=0):
        super().__init__(*args)
        self.code = code
try:
    raise WithInit("failed", code=7)
except WithInit as e:
    print(e, e.code, e.args)
