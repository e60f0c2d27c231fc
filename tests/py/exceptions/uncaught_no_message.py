# Exceptions with no message and with multiple args print differently.
import sys
try:
    raise KeyError
except KeyError as e:
    print(repr(str(e)))

class Quiet(Exception):
    pass

def fail():
    raise Quiet()

print("about to fail", file=sys.stderr)
fail()
