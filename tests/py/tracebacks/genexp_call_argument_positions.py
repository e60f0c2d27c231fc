# Tracebacks through generator expressions passed to calls: a generator
# expression that is a call's only argument takes the call's parentheses as
# its own (CPython's position for its frame's lines); one in parentheses of
# its own, or beside other arguments, keeps those.
import traceback


def show(f):
    try:
        f()
    except Exception:
        traceback.print_exc(limit=-2, chain=False)
        print("--")


def shrinking_set():
    s = {1, 2, 3}
    return set(x * 10 for x in s if s.discard(x) is None)


def bad_element():
    return list(1 // (x - 2) for x in range(4))


def multi_line():
    return sum(
        1 // x
        for x in [3, 2, 1, 0]
    )


def own_parentheses():
    return sorted((1 // x for x in [1, 0]), key=None)


def beside_keyword():
    return max((1 // x for x in [2, 0]), default=0)


def set_init_self():
    s = {1, 2}
    s.__init__(y for y in s)


for f in [shrinking_set, bad_element, multi_line, own_parentheses, beside_keyword, set_init_self]:
    show(f)

s = {1, 2}
s.__init__(s)
print(s)
s = {3, 4}
try:
    s.__init__(iter(s))
except RuntimeError as e:
    print("RuntimeError:", e, s)
t = {5}
t.__init__([6, 7])
print(sorted(t))
