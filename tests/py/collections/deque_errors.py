# deque errors: exception types and CPython's exact messages.
from collections import deque


def show(label, f):
    try:
        r = f()
        print(label, "->", repr(r))
    except Exception as e:
        print(label, "->", type(e).__name__ + ":", e)


d = deque([1, 2, 3])
show("pop empty", lambda: deque().pop())
show("popleft empty", lambda: deque().popleft())
show("index out of range", lambda: d[3])
show("negative out of range", lambda: d[-4])
show("empty index", lambda: deque()[0])
show("str index", lambda: d["a"])
show("slice index", lambda: d[0:2])
show("float index", lambda: d[1.0])
show("huge index", lambda: d[2 ** 80])


def setitem(i, v):
    d[i] = v


def delitem(i):
    del d[i]


show("set out of range", lambda: setitem(5, 0))
show("set slice", lambda: setitem(slice(0, 1), [0]))
show("del out of range", lambda: delitem(-5))
show("del str", lambda: delitem("x"))
show("remove missing", lambda: d.remove(42))
show("remove missing str", lambda: d.remove("x"))
show("index missing", lambda: d.index(42))
show("index missing in range", lambda: d.index(1, 1))
show("index bad start", lambda: d.index(1, "a"))
show("index None stop", lambda: d.index(1, 0, None))
show("hash", lambda: hash(d))
show("hash in set", lambda: {d})
show("dict key", lambda: {d: 1})
show("concat list", lambda: d + [4])
show("concat tuple", lambda: d + (4,))
show("list + deque", lambda: [0] + d)
show("mul str", lambda: d * "2")
show("rmul float", lambda: 2.5 * d)
def imul_str():
    global d
    d *= "x"


show("imul str", imul_str)
show("lt list", lambda: d < [1, 2, 3])
show("ge int", lambda: d >= 3)
show("eq list", lambda: d == [1, 2, 3])
show("ne list", lambda: d != [1, 2, 3])
show("maxlen str", lambda: deque([], "3"))
show("maxlen float", lambda: deque(maxlen=1.5))
show("maxlen negative", lambda: deque(maxlen=-1))
show("maxlen huge", lambda: deque(maxlen=2 ** 64))
show("too many args", lambda: deque([1], 2, 3))
show("too many with kw", lambda: deque([1], 2, maxlen=3))
show("bad keyword", lambda: deque([], foo=1))
show("duplicate iterable", lambda: deque([1], iterable=[2]))
show("duplicate maxlen", lambda: deque([1], 2, maxlen=2))
show("not iterable", lambda: deque(5))
show("extend not iterable", lambda: d.extend(5))
show("extendleft not iterable", lambda: d.extendleft(None))
show("iadd not iterable", lambda: d.__iadd__(3))
show("insert full", lambda: deque([1], maxlen=1).insert(0, 2))
show("insert str index", lambda: d.insert("0", 2))
show("insert huge index", lambda: d.insert(2 ** 80, 2))
show("rotate str", lambda: d.rotate("1"))
show("rotate huge", lambda: d.rotate(2 ** 70))
show("rotate float", lambda: d.rotate(1.5))
show("append no arg", lambda: d.append())
show("append two args", lambda: d.append(1, 2))
show("append kw", lambda: d.append(x=1))
show("pop arg", lambda: d.pop(0))
show("popleft arg", lambda: d.popleft(1))
show("clear arg", lambda: d.clear(1))
show("copy arg", lambda: d.copy(1))
show("reverse arg", lambda: d.reverse(1))
show("count no arg", lambda: d.count())
show("remove no arg", lambda: d.remove())
show("extend no arg", lambda: d.extend())
show("index no arg", lambda: d.index())
show("index too many", lambda: d.index(1, 0, 1, 2))
show("insert one arg", lambda: d.insert(1))
show("insert three args", lambda: d.insert(1, 2, 3))
show("rotate two args", lambda: d.rotate(1, 2))
show("rotate kw", lambda: d.rotate(n=1))
show("descriptor misuse", lambda: deque.append([], 1))
show("slot misuse", lambda: deque.__len__(5))
show("set maxlen", lambda: setattr(d, "maxlen", 5))
show("new attr", lambda: setattr(d, "tag", 5))
show("no attr", lambda: d.missing)
show("bool attr", lambda: d.__bool__)
show("mul huge", lambda: deque([1, 2]) * (2 ** 80))
print(d)
