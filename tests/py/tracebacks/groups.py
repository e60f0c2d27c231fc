# Exception groups: the boxed tree layout, nested groups, chains and notes
# inside groups, and the width/depth limits.
import sys
import traceback


def fail(exc):
    raise exc


def collect(*excs):
    caught = []
    for e in excs:
        try:
            fail(e)
        except Exception as x:
            caught.append(x)
    return caught


eg = ExceptionGroup("many", [ValueError(i) for i in range(17)])
sys.excepthook(type(eg), eg, None)

deep = ValueError("bottom")
for i in range(12):
    deep = ExceptionGroup(f"level {i}", [deep])
sys.excepthook(type(deep), deep, None)

try:
    raise ExceptionGroup("outer", collect(KeyError("k"), TypeError("t")))
except ExceptionGroup as e:
    print(traceback.format_exc())


def with_cause():
    try:
        1 / 0
    except ZeroDivisionError as e:
        raise ValueError("from zero") from e


def main():
    errors = collect(OSError(2, "no such file"))
    try:
        with_cause()
    except ValueError as e:
        e.add_note("a note inside a group")
        errors.append(e)
    inner = ExceptionGroup("inner", collect(RuntimeError("r1"), IndexError("i")))
    errors.append(inner)
    raise ExceptionGroup("top", errors)


try:
    main()
except* OSError:
    pass
