# except clauses with tuples, ordering and matching.
def classify(exc):
    try:
        raise exc
    except (KeyError, IndexError) as e:
        return "lookup-ish " + type(e).__name__
    except (ZeroDivisionError,) as e:
        return "zero"
    except ValueError:
        return "value"
    except Exception as e:
        return "other " + type(e).__name__

for exc in [KeyError("a"), IndexError(), ZeroDivisionError(), ValueError(),
            UnicodeError(), TypeError(), LookupError()]:
    print(classify(exc))

errors = (TypeError, ValueError)
try:
    int("bad")
except errors as e:
    print("via variable:", type(e).__name__)

nested = (KeyError, (IndexError, (ZeroDivisionError,)))
try:
    try:
        1 / 0
    except nested:
        print("nested tuple matched")
except TypeError as e:
    print("TypeError:", e, "| context:", type(e.__context__).__name__)

try:
    try:
        raise KeyError("x")
    except ():
        print("empty tuple never matches")
except KeyError:
    print("fell through empty tuple")

try:
    try:
        raise ValueError
    except "not a class":
        pass
except TypeError as e:
    print("TypeError:", e)

try:
    try:
        raise ValueError
    except (ValueError, 5):
        print("tuple with non-class but first matches")
except TypeError as e:
    print("TypeError:", e)

try:
    try:
        raise ValueError
    except (KeyError, 5):
        pass
except TypeError as e:
    print("TypeError:", e)

def first_match():
    try:
        raise KeyError
    except LookupError:
        return "LookupError first"
    except KeyError:
        return "KeyError second"
print(first_match())

try:
    raise KeyError("k")
except Exception:
    print("generic catch")
except KeyError:
    print("never")

def by_base(exc):
    try:
        raise exc
    except BaseException as e:
        return type(e).__name__
print(by_base(SystemExit), by_base(GeneratorExit), by_base(KeyboardInterrupt))

class Dyn:
    def __init__(self):
        self.caught = ValueError
d = Dyn()
try:
    raise ValueError("dyn")
except d.caught as e:
    print("attribute expression:", e)

handlers = [KeyError, ValueError]
try:
    raise ValueError("idx")
except handlers[1]:
    print("subscript expression")
