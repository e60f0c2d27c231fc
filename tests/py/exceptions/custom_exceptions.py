# User-defined exception classes.
class AppError(Exception):
    """Base for the app."""

class NotFound(AppError):
    def __init__(self, what):
        super().__init__(f"{what} not found")
        self.what = what

class Invalid(AppError):
    def __init__(self, field, reason):
        self.field = field
        self.reason = reason
    def __str__(self):
        return f"{self.field}: {self.reason}"

class Coded(AppError):
    def __init__(self, code, *rest):
        super().__init__(code, *rest)
        self.code = code

def risky(kind):
    if kind == "nf":
        raise NotFound("user")
    if kind == "inv":
        raise Invalid("age", "negative")
    if kind == "code":
        raise Coded(500, "server")
    if kind == "base":
        raise AppError
    return "fine"

for k in ["nf", "inv", "code", "base", "ok"]:
    try:
        print(risky(k))
    except NotFound as e:
        print("NotFound:", e, "| what =", e.what, "| args =", e.args)
    except Invalid as e:
        print("Invalid:", e, "| args =", e.args, "| repr =", repr(e))
    except AppError as e:
        print(type(e).__name__ + ":", repr(str(e)), e.args, getattr(e, "code", None))

print(AppError.__doc__)
print([c.__name__ for c in NotFound.__mro__])
print(isinstance(NotFound("x"), Exception))

class NoSuper(Exception):
    def __init__(self, a, b):
        self.a = a
        self.b = b
e = NoSuper(1, 2)
print(e.args, repr(str(e)), repr(e))

class ReprError(Exception):
    def __repr__(self):
        return "ReprError!"
print(repr(ReprError("x")), str(ReprError("x")))

class Multi(KeyError, AttributeError):
    pass
try:
    raise Multi("both")
except AttributeError as e:
    print("caught Multi as AttributeError:", e)
try:
    raise Multi("both")
except KeyError as e:
    print("caught Multi as KeyError:", e)

try:
    raise 5
except TypeError as e:
    print("TypeError:", e)
class NotExc:
    pass
try:
    raise NotExc
except TypeError as e:
    print("TypeError:", e)
try:
    raise NotExc()
except TypeError as e:
    print("TypeError:", e)
try:
    raise NotFound
except TypeError as e:
    print("TypeError:", e)
