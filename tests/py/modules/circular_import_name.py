# "from x import y" in a cycle fails with ImportError on the partially initialised module.
import sys
try:
    import _circ_n1
except ImportError as e:
    msg = str(e)
    print(type(e).__name__)
    print(msg[:msg.index(" (most likely")])
    print("circular import" in msg)
    print(e.name)
print("_circ_n1" in sys.modules, "_circ_n2" in sys.modules)

try:
    import _circ_n2
except ImportError as e:
    print("second attempt:", str(e).split(" (")[0])
