# __del__ methods that run at interpreter exit see their module's globals
# intact: what only __main__'s globals reach is finalized before those
# globals are cleared, as CPython does when sys.modules lets go of the
# modules (the order among several finalizers is not CPython's; these
# two are finalized in the order they were made, in both).
import logging
import sys

CONST = 42
log = logging.getLogger("shutdown")


def helper(n):
    return n.upper()


class Res:
    def __init__(self, name):
        self.name = name

    def __del__(self):
        print("del", self.name, helper(self.name), CONST, type(log).__name__)
        sys.stdout.flush()


r = Res("r")
holder = [Res("in list")]
print("end of program")
