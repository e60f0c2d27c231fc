# sys.tracebacklimit bounds the entries the default printer shows (the most
# recent ones); 0 leaves only the message.
import sys


def down(n):
    if n == 0:
        raise LookupError("deep")
    down(n - 1)


sys.tracebacklimit = 2
try:
    down(5)
except LookupError as e:
    sys.excepthook(type(e), e, e.__traceback__)
sys.tracebacklimit = 0
try:
    down(5)
except LookupError as e:
    sys.excepthook(type(e), e, e.__traceback__)
sys.tracebacklimit = 3
down(4)
