# Another thread's handled exception, read through sys._current_exceptions():
# its traceback's frame is at the line that thread runs now.
import sys
import threading
import time
import traceback

entered = threading.Event()
leave = threading.Event()


def outer():
    inner()


def inner():
    entered.set()
    while True:
        try:
            raise KeyError("k")
        except KeyError:
            if leave.wait(timeout=30):
                break


t = threading.Thread(target=outer)
t.start()
entered.wait()
time.sleep(0.3)
d = sys._current_exceptions()
print(d[threading.get_ident()])
et, ev, tb = d[t.ident]
print(et.__name__, ev)
stack = traceback.extract_stack(tb.tb_frame)
print([(fs.name, fs.line) for fs in stack[-2:]])
print(tb.tb_lineno, tb.tb_frame.f_lineno)
frames = sys._current_frames()
print(frames[t.ident].f_code.co_name)
leave.set()
t.join()
