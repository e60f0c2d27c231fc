# Exception notes (PEP 678) under the message, in tracebacks.
import sys
import traceback


def check(n):
    try:
        return 10 / n
    except ZeroDivisionError as e:
        e.add_note("while checking n")
        e.add_note("second note\nwith two lines")
        raise


try:
    check(0)
except ZeroDivisionError as e:
    print(traceback.format_exc())
    sys.excepthook(type(e), e, None)

e = ValueError("odd notes")
e.__notes__ = "ab"
sys.excepthook(type(e), e, None)
e.__notes__ = 42
sys.excepthook(type(e), e, None)
e.__notes__ = ["", "ends with newline\n", 7]
sys.excepthook(type(e), e, None)
print("".join(traceback.format_exception_only(e)))

err = KeyError("k")
err.add_note("note on an uncaught exception")
raise err
