# Attributes that builtin types serve through getset descriptors, read
# repeatedly at the same sites: values stay live, a subclass's override made
# later wins, errors from the getter propagate.
import xml.etree.ElementTree as ET
import sys

e = ET.Element("root", {"k": "v"})
seen = []
for i in range(5):
    if i == 2:
        e.tag = "renamed"
        e.text = "body"
    seen.append((e.tag, e.text, e.tail, dict(e.attrib)))
print(seen)

# One site, several types (the site's entries are keyed by type).
class Sub(ValueError):
    pass
objs = [KeyError("a"), ValueError(1, 2), Sub("s"), TypeError()]
for _ in range(3):
    print([o.args for o in objs])

# A later override on the subclass wins at the same site.
def args_of(o):
    return o.args
s = Sub("x")
print([args_of(s) for _ in range(3)])
Sub.args = property(lambda self: "overridden")
print([args_of(s) for _ in range(3)])
del Sub.args
print([args_of(s) for _ in range(3)])

# Values that change between reads: a traceback and a context.
def ctx_of(x):
    return x.__context__, x.__traceback__ is None
err = RuntimeError("r")
print(ctx_of(err))
try:
    try:
        raise KeyError("inner")
    except KeyError:
        raise err
except RuntimeError:
    pass
print(ctx_of(err)[0].args, ctx_of(err)[1])

# A live frame line number read at one site.
def line_of(f):
    return f.f_lineno
f = sys._getframe()
a = line_of(f)
b = line_of(f)
print(b - a)

# A getter that raises: the exception reaches the caller each time.
m = memoryview(b"abc")
def fmt(x):
    return x.format
print(fmt(m))
m.release()
for _ in range(2):
    try:
        fmt(m)
    except ValueError as exc:
        print("ValueError:", exc)

# A subclass with __getattr__: the getter's AttributeError reaches it.
class G(Exception):
    def __getattr__(self, name):
        return "fallback " + name
g = G("q")
print([g.args for _ in range(2)], g.missing)
