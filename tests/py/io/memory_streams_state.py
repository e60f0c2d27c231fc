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
attempt(m.__setstate__, ("", "f", 0, None))
attempt(m.__setstate__, ("", "", -1, None))
attempt(m.__setstate__, (b"", "", 0, None))
attempt(m.__setstate__, ("", b"", 0, None))
attempt(m.__setstate__, ("", "", 0.0, None))
attempt(m.__setstate__, ("", "", 0, 0))
attempt(m.__setstate__, ("len-test", 0))
attempt(m.__setstate__, 0)
attempt(m.__setstate__)
m.close()
attempt(m.__setstate__, ("closed", "", 0, None))
attempt(m.__getstate__)

n = io.BytesIO()
attempt(n.__setstate__, (b"", -1, None))
attempt(n.__setstate__, ("unicode", 0, None))
attempt(n.__setstate__, (b"", 0.0, None))
attempt(n.__setstate__, (b"", 0, 0))
attempt(n.__setstate__, (b"len-test", 0))
attempt(n.__setstate__, [b"", 0, None])
n.close()
attempt(n.__setstate__, (b"closed", 0, None))
attempt(n.__getstate__)
