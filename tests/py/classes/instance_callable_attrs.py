# A method call on a callable stored in the instance (self.read = ...,
# as pickle's Unpickler does) at one site sees each change: the callable
# replaced, deleted (then the class's method, or AttributeError, or
# __getattr__), a method the class gains later (the instance's own still
# wins), and instances of other classes at the same site.


class Reader:
    def __init__(self, data):
        self.read = iter(data).__next__


class WithMethod:
    def read(self):
        return "class method"


def call_read(obj):
    return obj.read()


r = Reader("abc")
print([call_read(r) for _ in range(3)])
r.read = lambda: "replaced"
print(call_read(r))
del r.read
try:
    call_read(r)
except AttributeError as e:
    print("AttributeError:", e)
Reader.read = lambda self: "class gained read"
print(call_read(r))
r.read = lambda: "own again"
print(call_read(r))
del Reader.read
print(call_read(r))
del r.read
Reader.__getattr__ = lambda self, name: lambda: "via __getattr__ " + name
print(call_read(r))

w = WithMethod()
w2 = WithMethod()
w2.read = lambda: "instance shadows class"
print([call_read(x) for x in (w, r, w2, Reader("z"), w)])

# Many attributes: the instance dict's table is rebuilt, the site still
# finds the callable.
q = Reader("xyz")
print(call_read(q))
for i in range(50):
    setattr(q, "a%d" % i, i)
print(call_read(q), call_read(q))
