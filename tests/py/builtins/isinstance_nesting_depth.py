# isinstance/issubclass over nested tuples, and reprs of nested lists, count
# their native depth together with the Python frames against the recursion
# limit, so a deep nesting is a RecursionError, not a crash or a silent pass.
import sys

def nest(depth, leaf):
    t = leaf
    for _ in range(depth):
        t = (t,)
    return t

def at_depth(frames, fn):
    if frames == 0:
        return fn()
    return at_depth(frames - 1, fn)

def attempt(label, fn):
    try:
        print(label, fn())
    except RecursionError as e:
        print(label, "RecursionError:", e)

sys.setrecursionlimit(100)
attempt("shallow isinstance", lambda: isinstance("", nest(20, str)))
attempt("shallow issubclass", lambda: issubclass(bool, nest(20, int)))
attempt("miss", lambda: isinstance(1.5, nest(20, (str, bytes))))
attempt("deep isinstance", lambda: isinstance("", nest(300, str)))
attempt("deep issubclass", lambda: issubclass(str, nest(300, str)))
attempt("frames + nesting", lambda: at_depth(80, lambda: isinstance("", nest(40, str))))
attempt("few frames + nesting", lambda: at_depth(10, lambda: isinstance("", nest(20, str))))

deep = []
for _ in range(300):
    deep = [deep]
attempt("deep list repr", lambda: len(repr(deep)))
attempt("frames + list repr", lambda: at_depth(80, lambda: len(repr(nest(40, [])))))
sys.setrecursionlimit(1000)
attempt("after raising the limit", lambda: isinstance("", nest(300, str)))
