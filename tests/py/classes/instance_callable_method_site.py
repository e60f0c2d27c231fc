# Calls of a callable the instance holds and its class does not define
# (`self.write = buf.write`), at one call site run many times: the site must
# follow every change to the instance, its class and its shape.
import io


class Writer:
    def __init__(self, sink):
        self.count = 0
        self.write = sink.write

    def emit(self, data):
        self.count += 1
        return self.write(data)


buf = io.BytesIO()
w = Writer(buf)
for i in range(5):
    w.emit(b"ab")
print(buf.getvalue(), w.count)

# Another sink, and then a plain function, stored in the same attribute.
other = io.BytesIO()
w.write = other.write
w.emit(b"xyz")
w.write = lambda data: ("lambda", data)
print(w.emit(b"q"), other.getvalue())

# Attributes added after it (a new shape): the site keeps finding it.
w.extra = 1
w.more = 2
print(w.emit(b"after"))

# Deleted: the class has no `write`, so the call raises AttributeError.
del w.write
try:
    w.emit(b"gone")
except AttributeError as e:
    print("AttributeError:", e)

# The class gains a method: it is what the site calls now ...
Writer.write = lambda self, data: ("method", data)
print(w.emit(b"m"))
# ... until the instance shadows it again.
w.write = len
print(w.emit(b"four"))
del Writer.write

# A data descriptor on the class wins over the instance's own value.
class Sink:
    def __init__(self):
        self.__dict__["write"] = print

    @property
    def write(self):
        return lambda data: ("property", data)


s = Sink()
for _ in range(3):
    print(s.write(b"p"))


# `__getattr__` answers once the instance has no such attribute.
class Lazy:
    def __init__(self):
        self.call = str.upper

    def __getattr__(self, name):
        return lambda *a: ("getattr", name, a)


lz = Lazy()
for i in range(4):
    if i == 2:
        del lz.call
    print(lz.call("abc"))

# Two classes through one site, one of them keeping its attributes in a dict
# it was given.
class A:
    def __init__(self):
        self.f = abs


class B:
    def __init__(self):
        self.__dict__ = {"f": repr}


for obj in [A(), B(), A(), B()]:
    print(obj.f(-3))

# Instances of one class built in different orders (different shapes).
class P:
    pass


p1 = P()
p1.f = min
p1.g = 0
p2 = P()
p2.g = 0
p2.f = max
for obj in [p1, p2, p1, p2]:
    print(obj.f(3, 7))
