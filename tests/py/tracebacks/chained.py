# Chained exceptions: explicit (`raise ... from`), implicit (raised while
# handling), suppressed (`from None`), and a cycle in the chain.
import traceback


def parse(text):
    try:
        return int(text)
    except ValueError as e:
        raise TypeError("not a number: " + text) from e


def lookup(d, k):
    try:
        return d[k]
    except KeyError:
        return d["default"] + 1


def quiet(d):
    try:
        return d["x"]
    except KeyError:
        raise LookupError("no x") from None


for f, a in ((parse, ("abc",)), (lookup, ({"default": "s"}, "k")), (quiet, ({},))):
    try:
        f(*a)
    except Exception:
        print(traceback.format_exc())

# A cycle: each exception is printed once.
a = ValueError("a")
b = KeyError("b")
a.__context__ = b
b.__context__ = a
print("".join(traceback.format_exception(a)))


def load(path):
    try:
        open(path)
    except OSError as e:
        try:
            raise RuntimeError("fallback failed") from e
        except RuntimeError:
            raise SystemError("giving up")


load("/nonexistent/tracebacks/file")
