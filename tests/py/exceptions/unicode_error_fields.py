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

# str() follows the fields as they change.
errors = [
    UnicodeEncodeError("koi8-r", "d\u044f\U0001f40d!", 0, 4, "why"),
    UnicodeDecodeError("cp1252", b"\x81\x8d\x8f", 0, 3, "undefined"),
    UnicodeTranslateError("\u20ac\u00a0", 0, 2, "no map"),
]
for err in errors:
    print(err)
    for end in (1, 2, 3, 4):
        err.start, err.end = end - 1, end
        print(" ", err)
    err.reason = ["a", "list"]
    err.start, err.end = 7, 3
    print(" ", err)
    if not isinstance(err, UnicodeTranslateError):
        err.encoding = b"raw"
        print(" ", err)

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
