# StringIO written at its end, then read, sought, truncated, pickled and
# written in the middle: the text stays one sequence of characters whatever
# mix of appends and other operations built it (non-ASCII and lone
# surrogates included), and positions count characters.
import io
import pickle

s = io.StringIO()
print(s.write("abc"), s.write("é€😀"), s.write(""), s.write("\ud800x"), s.tell())
print(repr(s.getvalue()), len(s.getvalue()))
print(s.write("tail"), s.tell(), repr(s.getvalue()))
s.seek(0)
print(repr(s.read(4)), s.tell(), repr(s.read()), s.tell())
print(s.write("!"), repr(s.getvalue()))
s.seek(2)
print(s.write("XY"), repr(s.getvalue()), s.tell())
print(s.seek(0, 2), s.write("end"), repr(s.getvalue()))
print(s.truncate(5), repr(s.getvalue()), s.tell())
print(s.write("+"), repr(s.getvalue()), s.tell())
s.seek(9)
print(s.write("z"), repr(s.getvalue()))

t = io.StringIO("start\n")
print(t.tell(), t.write("more\n"), t.tell(), repr(t.getvalue()))
t.seek(0, 2)
t.write("line3\nline4")
t.seek(0)
print([line for line in t])

u = io.StringIO(newline=None)
u.write("a\r\nb\rc\n")
u.write("d")
print(repr(u.getvalue()), u.tell(), u.newlines)
w = io.StringIO(newline="\r\n")
w.write("x\ny")
w.write("\n")
print(repr(w.getvalue()), w.tell())

p = io.StringIO()
for i in range(1000):
    p.write("%d," % i)
print(len(p.getvalue()), p.tell(), p.getvalue()[-12:])
q = pickle.loads(pickle.dumps(p))
print(q.tell(), q.getvalue() == p.getvalue())
q.write("Z")
print(q.getvalue()[-5:], p.getvalue()[-5:])
print(p.__getstate__()[2], len(p.__getstate__()[0]))

c = io.StringIO()
c.write("abc")
c.close()
for op in (c.getvalue, c.tell, lambda: c.write("x")):
    try:
        op()
    except ValueError as e:
        print("ValueError", e)
try:
    io.StringIO().write(b"bytes")
except TypeError as e:
    print("TypeError", e)

r = io.StringIO()
for rnd in range(3):
    r.seek(0)
    r.truncate()
    r.write("round %d " % rnd)
    r.write("é")
    print(repr(r.getvalue()), r.tell(), r.seek(0, 2))
r.seek(20)
r.write("far")
print(repr(r.getvalue()), r.tell())
r.truncate(0)
print(repr(r.getvalue()), r.tell())
r.write("x")
print(repr(r.getvalue()), r.tell())
r.seek(0)
r.truncate(3)
print(repr(r.getvalue()), r.read(2), r.tell(), r.truncate(), repr(r.getvalue()))
