# Without sys.excepthook the default printer still reports the exception.
import sys

del sys.excepthook
raise ValueError("no hook")
