# except*: what the handler sees, what is re-raised, and what is wrapped.
import sys


def show(label, e):
    print(label, type(e).__name__, repr(e))


# The context of an exception raised in a clause is the matched part.
orig = ExceptionGroup("eg", [ValueError(1), OSError(2)])
try:
    try:
        raise orig
    except* OSError:
        raise TypeError(3)
except ExceptionGroup as e:
    show("raised", e)
    show("context", e.exceptions[0].__context__)
    print("rest keeps metadata", e.exceptions[1].__traceback__ is orig.__traceback__)

# sys.exc_info() inside a clause is the matched part too.
try:
    raise ExceptionGroup("g", [KeyError("k"), IndexError("i")])
except* KeyError:
    show("exc_info", sys.exc_info()[1])
except* IndexError:
    show("exc_info", sys.exc_info()[1])

# A bare exception is wrapped; re-raising it raises the wrapper.
try:
    try:
        raise ValueError(42)
    except* ValueError as e:
        show("wrapped", e)
        raise
except ExceptionGroup as e:
    show("reraised", e)

# Re-raising every part gives back the original's shape.
try:
    try:
        raise ExceptionGroup("both", [ValueError(1), TypeError(2)])
    except* ValueError:
        raise
    except* TypeError:
        raise
except ExceptionGroup as e:
    show("all reraised", e)

# Handling everything and raising one new exception still makes a group.
try:
    try:
        raise ExceptionGroup("x", [ValueError(1)])
    except* ValueError:
        raise KeyError("new")
except ExceptionGroup as e:
    show("new", e)

# Re-raised and new exceptions together.
try:
    try:
        raise ExceptionGroup("mix", [ValueError(1), TypeError(2), OSError(3)])
    except* ValueError:
        raise
    except* TypeError:
        raise RuntimeError("r")
except ExceptionGroup as e:
    show("mixed", e)

# except* of an exception group type is refused when the clause is tried.
for spec in (ExceptionGroup, (ValueError, BaseExceptionGroup)):
    try:
        try:
            raise ValueError(1)
        except* spec:
            pass
    except TypeError as e:
        print("TypeError", e)

# split/subgroup: by type, predicate, full match returns the group itself.
eg = ExceptionGroup("top", [ValueError(1), ExceptionGroup("in", [TypeError(2), ValueError(3)])])
eg.add_note("n1")
m, r = eg.split(ValueError)
show("match", m)
show("rest", r)
print("notes copied", m.__notes__, m.__notes__ is not eg.__notes__)
print("whole", eg.subgroup(Exception) is eg)
print("pred", repr(eg.subgroup(lambda e: isinstance(e, TypeError))))
print("none", eg.split(OSError))
try:
    eg.split(42)
except TypeError as e:
    print("TypeError", e)

# Construction checks.
for args in (("m", {ValueError(1)}), ("m", [])):
    try:
        ExceptionGroup(*args)
    except (TypeError, ValueError) as e:
        print(type(e).__name__, e)


class MyEG(ExceptionGroup):
    pass


try:
    MyEG("m", [KeyboardInterrupt()])
except TypeError as e:
    print("TypeError", e)
print(ExceptionGroup[int])
