# Objects with __del__ still alive at exit are finalized, as CPython's
# finalize_modules does: unreachable cycles first, then what __main__'s
# globals held, with sys and the classes still reachable from __del__.
import sys


class Node:
    def __init__(self, tag):
        self.tag = tag
        self.other = None

    def __del__(self):
        print("node", self.tag, "finalizing:", sys.is_finalizing())


class Silent:
    def __del__(self):
        try:
            raise KeyError("handled inside __del__")
        except KeyError as e:
            print("caught", e)


a = Node("a")
b = Node("b")
a.other = b
b.other = a
del a, b
kept = Node("kept")
_hidden = Node("underscore")
s = Silent()
holder = {"x": [Node("in a list in a dict")]}
print("main done, finalizing:", sys.is_finalizing())
