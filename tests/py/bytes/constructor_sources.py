# bytes() and bytearray() read their source the way CPython does: __bytes__
# first, then an index count, a buffer, or an iterable; errors raised by the
# source's own methods are not replaced.


def show(label, fn):
    try:
        r = fn()
        print(label, type(r).__name__, r)
    except Exception as e:
        print(label, type(e).__name__, e)


class Raising:
    def __index__(self):
        raise KeyError("no index today")


class BrokenIter:
    def __iter__(self):
        raise LookupError("iterator unavailable")


class NotIterable:
    pass


for maker in (bytes, bytearray):
    name = maker.__name__
    show(name + " index raises", lambda: maker(Raising()))
    show(name + " item index raises", lambda: maker([7, Raising()]))
    show(name + " iter raises", lambda: maker(BrokenIter()))
    show(name + " not iterable", lambda: maker(NotIterable()))
    show(name + " float", lambda: maker(2.5))
    show(name + " gen", lambda: maker(x * 3 for x in range(5)))
    show(name + " bad item", lambda: maker([1, 300]))
    show(name + " float item", lambda: maker((1, 2.0)))
    show(name + " str", lambda: maker("hi"))
    show(name + " str+errors", lambda: maker("hi", errors="strict"))
    show(name + " int+encoding", lambda: maker(3, "ascii"))
    show(name + " none+errors", lambda: maker(errors="strict"))
    show(name + " negative", lambda: maker(-2))
    show(name + " huge", lambda: maker(1 << 70))


# A list shrinking or growing under the conversion is read as it is.
shrinking = []


class Shrinker:
    def __index__(self):
        shrinking.clear()
        return 65


shrinking.extend([Shrinker(), Shrinker(), Shrinker()])
show("shrinking", lambda: bytes(shrinking))

growing = []


class Grower:
    def __index__(self):
        if len(growing) < 5:
            growing.append(self)
        return 66


growing.append(Grower())
show("growing", lambda: bytes(growing))


# __bytes__ is looked up on the type, before any other reading, and None
# blocks the conversion.
class Packet(bytes):
    pass


class WithDunder:
    def __init__(self, payload):
        self.payload = payload

    def __bytes__(self):
        return self.payload


class CountAndDunder(int):
    def __bytes__(self):
        return b"dunder wins"


class Blocked(list):
    __bytes__ = None


class LabelStr(str):
    def __bytes__(self):
        return b"label"


show("dunder", lambda: bytes(WithDunder(b"xyz")))
show("dunder subclass kept", lambda: bytes(WithDunder(Packet(b"pk"))))
show("dunder into subclass", lambda: Packet(WithDunder(b"q")))
show("dunder non-bytes", lambda: bytes(WithDunder("text")))
show("dunder bytearray", lambda: bytes(WithDunder(bytearray(b"ba"))))
show("int dunder", lambda: bytes(CountAndDunder(4)))
show("blocked", lambda: bytes(Blocked([1, 2])))
show("str dunder", lambda: bytes(LabelStr("abc")))
show("str dunder encoded", lambda: bytes(LabelStr("abc"), "ascii"))
show("bytearray ignores dunder", lambda: bytearray(WithDunder(b"z")))

# bytearray.__init__ empties first and appends items as they come.
buf = bytearray(b"old")
seen = []


def watcher():
    for v in (10, 20, 30):
        seen.append(bytes(buf))
        yield v


buf.__init__(watcher())
print("reinit", buf, seen)
try:
    buf.__init__([1, 2, 999])
except ValueError as e:
    print("bad item", type(e).__name__, e)
