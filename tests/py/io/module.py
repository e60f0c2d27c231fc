# The _io module's names, io's re-exports, open_code and text_encoding.
import sys
sys.path.append('/usr/lib/python3.11')
import _io
import io
print(sorted(n for n in dir(_io) if not n.startswith('__')))
print(sorted(io.__all__))
print(io.open is _io.open is open, io.DEFAULT_BUFFER_SIZE, io.SEEK_SET, io.SEEK_CUR, io.SEEK_END)
print(io.BlockingIOError is BlockingIOError, io.UnsupportedOperation.__module__)
print(io.text_encoding(None), io.text_encoding('latin-1'), io.text_encoding('x', 3))
try:
    io.open_code(b'/x')
except TypeError as e:
    print('TypeError', e)
for c in [_io.FileIO, _io.BytesIO, _io.StringIO, _io.BufferedReader, _io.BufferedWriter,
          _io.BufferedRandom, _io.BufferedRWPair, _io.TextIOWrapper, _io.IncrementalNewlineDecoder,
          _io._IOBase, _io._RawIOBase, _io._BufferedIOBase, _io._TextIOBase]:
    print(c.__name__, c.__module__, [b.__name__ for b in c.__bases__])
for abc_, c in [(io.RawIOBase, _io.FileIO), (io.BufferedIOBase, _io.BytesIO), (io.BufferedIOBase, _io.BufferedRWPair),
                (io.TextIOBase, _io.StringIO), (io.TextIOBase, _io.TextIOWrapper), (io.IOBase, _io.BufferedRandom)]:
    print(abc_.__name__, c.__name__, issubclass(c, abc_), isinstance(c.__new__(c), abc_))
class MyText(io.StringIO):
    pass
m = MyText('a\nb')
m.extra = 1
print(m.read(), m.extra, vars(m))
class Slotted(io.BytesIO):
    __slots__ = ('x',)
s = Slotted(b'data')
s.x = 5
print(s.read(), s.x)
