# types.TracebackType(tb_next, tb_frame, tb_lasti, tb_lineno): building a
# traceback by hand, chaining entries, formatting it, and the argument
# errors.
import sys
import traceback
import types


def here():
    return sys._getframe()


frame = here()
# tb_lasti -1: no instruction, so the report uses tb_lineno.
first = types.TracebackType(None, frame, -1, here.__code__.co_firstlineno)
print(first.tb_next, first.tb_frame is frame, first.tb_lasti, first.tb_lineno)
outer = types.TracebackType(first, sys._getframe(), 0, 14)
print(outer.tb_next is first)

exc = KeyboardInterrupt()
exc.__traceback__ = first
lines = traceback.format_exception(exc)
print(lines[0], end="")
print(lines[1].replace(__file__, "FILE"), end="")
print(lines[-1], end="")

# Raising with a hand-made traceback keeps it as the tail of the new one.
try:
    raise ValueError("boom").with_traceback(first)
except ValueError as e:
    tb = e.__traceback__
    n = 0
    while tb is not None:
        n += 1
        tb = tb.tb_next
    print("entries:", n)

for args, kw in [
    ((1, frame, 0, 1), {}),
    ((None, 1, 0, 1), {}),
    ((None, frame, "a", 1), {}),
    ((None, frame, 0), {}),
    ((), {"tb_next": None, "tb_frame": frame, "tb_lasti": 2, "tb_lineno": 3}),
]:
    try:
        t = types.TracebackType(*args, **kw)
        print("made:", t.tb_lasti, t.tb_lineno)
    except TypeError as e:
        print("TypeError:", e)
