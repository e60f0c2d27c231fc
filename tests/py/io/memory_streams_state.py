# StringIO and BytesIO: __getstate__/__setstate__ and pickling (protocols 2
# and up), the instance dict carried along, and the errors of each.
import io
import pickle

s = io.StringIO("one\ntwo\n", newline=None)
s.seek(4)
s.tag = "x"
print(s.__getstate__())
print(io.StringIO().__getstate__())
print(io.StringIO("a\r\nb", newline="").__getstate__())
for proto in range(2, pickle.HIGHEST_PROTOCOL + 1):
    t = pickle.loads(pickle.dumps(s, proto))
    print(proto, repr(t.getvalue()), t.tell(), t.tag, t.read(), t.newlines)

b = io.BytesIO(b"abcdef")
b.seek(3)
b.extra = [1, 2]
print(b.__getstate__())
print(io.BytesIO().__getstate__())
for proto in range(2, pickle.HIGHEST_PROTOCOL + 1):
    c = pickle.loads(pickle.dumps(b, proto))
    print(proto, c.getvalue(), c.tell(), c.extra, c.read())


class Sub(io.StringIO):
    pass


u = Sub("sub")
u.seek(1)
v = pickle.loads(pickle.dumps(u))
print(type(v).__name__, v.getvalue(), v.tell())

# __setstate__ replaces the state; the value is taken as written.
m = io.StringIO()
m.__setstate__(("x\ny", "\r\n", 1, {"k": 1}))
print(repr(m.getvalue()), m.tell(), m.k, m.__getstate__())
n = io.BytesIO()
n.__setstate__((bytearray(b"zz"), 5, None))
print(n.getvalue(), n.tell(), n.read())


def attempt(f, *args):
    try:
        f(*args)
        print("ok")
    except (TypeError, ValueError) as e:
        print(type(e).__name__ + ":", e)


m = io.StringIO()
attempt(m.__setstate__, ("text", "\t", 0, None))
attempt(m.__setstate__, ("text", None, -3, None))
attempt(m.__setstate__, (bytearray(b"t"), "\r", 0, None))
attempt(m.__setstate__, ("text", 10, 0, None))
attempt(m.__setstate__, ("text", "\n", "2", None))
attempt(m.__setstate__, ("text", "\n", 2, ["not", "a", "dict"]))
attempt(m.__setstate__, ("text", "\n", 2))
attempt(m.__setstate__, "text")
attempt(m.__setstate__, ("text", "\r\n", 2, None, "extra"))
print(repr(m.getvalue()), m.tell())
attempt(m.__setstate__)
m.close()
attempt(m.__setstate__, ("text", "\n", 0, None))
attempt(m.__getstate__)

n = io.BytesIO()
attempt(n.__setstate__, (b"data", -7, None))
attempt(n.__setstate__, ("data", 0, None))
attempt(n.__setstate__, (b"data", 1.5, None))
attempt(n.__setstate__, (b"data", 1, "dict"))
attempt(n.__setstate__, (b"data", 1))
attempt(n.__setstate__, [b"data", 1, None])
attempt(n.__setstate__, (memoryview(b"view"), 3, {"x": 1}, "extra"))
print(n.getvalue(), n.tell(), n.x)
n.close()
attempt(n.__setstate__, (b"data", 0, None))
attempt(n.__getstate__)
