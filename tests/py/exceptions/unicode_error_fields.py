# UnicodeEncodeError / UnicodeDecodeError / UnicodeTranslateError built directly:
# their arguments checked, their fields, str() formatted from the fields as
# they are now, args, pickling, and the errors codecs raise.
for f in [lambda: UnicodeEncodeError(), lambda: UnicodeEncodeError('a', 'b', 1, 2), lambda: UnicodeEncodeError(1, 'b', 1, 2, 'r'),
          lambda: UnicodeEncodeError('a', b'b', 1, 2, 'r'), lambda: UnicodeEncodeError('a', 'b', 1.0, 2, 'r'),
          lambda: UnicodeDecodeError('a', 'b', 1, 2, 'r'), lambda: UnicodeDecodeError('a', bytearray(b'xy'), 0, 1, 'r'),
          lambda: UnicodeDecodeError('a', memoryview(b'xy'), 0, 2, 'r'),
          lambda: UnicodeTranslateError('x', 0, 1, 5), lambda: UnicodeTranslateError('\U0001f600', 0, 1, 'r'),
          lambda: UnicodeEncodeError('a', 'b', 1, 2, 'r', x=1), lambda: UnicodeEncodeError('ab', 'é\u1234', -1, 1, 'r'),
          lambda: UnicodeEncodeError('ab', '\u1234x', 0, 1, 'r'), lambda: UnicodeEncodeError('ab', '\U0001f600', 0, 1, 'r'),
          lambda: UnicodeEncodeError('ab', 'abc', 2, 2, 'r'), lambda: UnicodeEncodeError('ab', 'abc', 5, 6, 'r')]:
    try:
        e = f()
        print(type(e.object).__name__, repr(str(e)), e.start, e.end)
    except TypeError as x:
        print("TypeError:", x)
e = UnicodeDecodeError.__new__(UnicodeDecodeError)
print(repr(str(e)), e.args)

u = UnicodeEncodeError('baz', 'xxxxx', 1, 5, 'foo')
print(str(u) == "'baz' codec can't encode characters in position 1-4: foo", repr(str(u)))
u.end = 2
print(str(u) == "'baz' codec can't encode character '\\x78' in position 1: foo", repr(str(u)))
u.end = 5
u.reason = 0x345345345345345345
print(str(u) == "'baz' codec can't encode characters in position 1-4: 965230951443685724997", repr(str(u)))
u.encoding = 4000
print(str(u) == "'4000' codec can't encode characters in position 1-4: 965230951443685724997", repr(str(u)))
u.start = 1000
print(str(u) == "'4000' codec can't encode characters in position 1000-4: 965230951443685724997", repr(str(u)))

u = UnicodeDecodeError('baz', b'xxxxx', 1, 5, 'foo')
print(str(u) == "'baz' codec can't decode bytes in position 1-4: foo", repr(str(u)))
u.end = 2
print(str(u) == "'baz' codec can't decode byte 0x78 in position 1: foo", repr(str(u)))
u.end = 5
u.reason = 0x345345345345345345
print(str(u) == "'baz' codec can't decode bytes in position 1-4: 965230951443685724997", repr(str(u)))
u.encoding = 4000
print(str(u) == "'4000' codec can't decode bytes in position 1-4: 965230951443685724997", repr(str(u)))
u.start = 1000
print(str(u) == "'4000' codec can't decode bytes in position 1000-4: 965230951443685724997", repr(str(u)))

u = UnicodeTranslateError('xxxx', 1, 5, 'foo')
print(str(u) == "can't translate characters in position 1-4: foo", repr(str(u)))
u.end = 2
print(str(u) == "can't translate character '\\x78' in position 1: foo", repr(str(u)))
u.end = 5
u.reason = 0x345345345345345345
print(str(u) == "can't translate characters in position 1-4: 965230951443685724997", repr(str(u)))
u.start = 1000
print(str(u) == "can't translate characters in position 1000-4: 965230951443685724997", repr(str(u)))

import pickle
for e in [UnicodeEncodeError('ascii', 'xé', 1, 2, 'r'), UnicodeDecodeError('utf-8', b'\xff', 0, 1, 'bad'),
          UnicodeTranslateError('ab', 0, 2, 'no')]:
    f = pickle.loads(pickle.dumps(e))
    print(type(f).__name__, f.args, str(f) == str(e))
try:
    'aé'.encode('ascii')
except UnicodeEncodeError as e:
    print(e.args, e.object, e.start, e.end, e.reason)
    e.start = 0
    print(e)
try:
    b'a\xff\xfe'.decode('utf-8')
except UnicodeDecodeError as e:
    print(e.args, e.object, e.start, e.end, e.reason)
