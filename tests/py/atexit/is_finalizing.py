# sys.is_finalizing() is False while the program runs and while the atexit
# handlers run (the interpreter finalizes only after them).
import atexit
import sys

print("running:", sys.is_finalizing())


def handler():
    print("in atexit handler:", sys.is_finalizing())


atexit.register(handler)

for args, kwargs in (((1,), {}), ((), {"x": 1})):
    try:
        sys.is_finalizing(*args, **kwargs)
    except TypeError as e:
        print("TypeError:", e)
