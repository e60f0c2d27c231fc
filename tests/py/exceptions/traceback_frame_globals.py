# tb_frame of a traceback entry exposes the frame's globals and code.
import sys

MARKER = "module-level"

def inner():
    raise ValueError("boom")

def outer():
    inner()

try:
    outer()
except ValueError:
    tb = sys.exc_info()[2]
    names = []
    while tb is not None:
        f = tb.tb_frame
        names.append((f.f_code.co_name, f.f_globals.get("MARKER"), tb.tb_lineno))
        tb = tb.tb_next
    print(names)
    print(sys.exc_info()[2].tb_frame.f_globals is globals())
