# StringIO and BytesIO.
import sys
sys.path.append('/usr/lib/python3.11')
import io

def show(fn):
    try:
        print('ok', repr(fn()))
    except Exception as e:
        print(type(e).__name__, e)

s = io.StringIO('hello\nworld')
print(s.read(3), s.tell(), s.readline(), s.read(), s.tell(), s.read())
print(s.seek(0), s.write('HE'), s.getvalue(), s.tell())
print(s.seek(20), s.write('!'), repr(s.getvalue()), s.tell())
print(s.truncate(5), repr(s.getvalue()), s.tell())
print(s.seek(0, 2), s.seek(0, 1), s.readable(), s.writable(), s.seekable(), s.line_buffering, s.newlines)
show(lambda: s.seek(-1))
show(lambda: s.seek(1, 1))
show(lambda: s.seek(1, 2))
show(lambda: s.seek(0, 3))
show(lambda: s.truncate(-1))
show(lambda: s.write(b'x'))
show(lambda: io.StringIO(b'x'))
show(lambda: io.StringIO('x', 'bad'))
show(lambda: io.StringIO('x', 5))
show(lambda: s.read('x'))
s2 = io.StringIO('\u00e9\u4e2d\U0001f600abc')
print(s2.read(2), s2.tell(), s2.read(1), s2.tell())
s.close()
print(s.closed)
for op in [s.read, s.getvalue, s.tell, lambda: s.write('x'), s.readline, lambda: s.seek(0)]:
    show(op)
print(isinstance(io.StringIO(), io.TextIOBase), io.StringIO().encoding, io.StringIO().errors)
with io.StringIO() as w:
    print(w.write('abc'), w.writelines(['d', 'e']), w.getvalue())
print(w.closed)

b = io.BytesIO(b'hello\nworld')
print(b.read(3), b.tell(), b.readline(), b.read(), b.tell(), b.read())
print(b.seek(0), b.write(b'HE'), b.getvalue(), b.tell())
print(b.seek(20), b.write(b'!'), b.getvalue(), b.tell())
print(b.truncate(5), b.getvalue(), b.tell())
print(b.seek(-2, 2), b.read(), b.seek(-1, 1), b.read1(), b.read1(5))
show(lambda: b.seek(-1))
show(lambda: b.seek(0, 3))
show(lambda: b.truncate(-1))
show(lambda: b.write('text'))
show(lambda: io.BytesIO('text'))
ba = bytearray(3)
b.seek(0)
print(b.readinto(ba), ba)
show(lambda: b.readinto(b'readonly'))
m = io.BytesIO(b'abcdef')
view = m.getbuffer()
print(type(view).__name__, len(view), bytes(view))
view[0] = ord('Z')
print(m.getvalue())
del view
m.write(b'12')
print(m.getvalue(), m.tell())
print(io.BytesIO().getvalue(), io.BytesIO(bytearray(b'x')).getvalue(), io.BytesIO(memoryview(b'mv')).getvalue())
print(list(io.BytesIO(b'a\nb\n')), io.BytesIO(b'x').readable(), io.BytesIO().isatty())
m.close()
print(m.closed)
for op in [m.read, m.getvalue, m.getbuffer, m.tell, lambda: m.write(b'x'), m.readline]:
    show(op)
print(isinstance(io.BytesIO(), io.BufferedIOBase))
with io.BytesIO() as w:
    w.writelines([b'a', bytearray(b'b')])
    print(w.getvalue())
