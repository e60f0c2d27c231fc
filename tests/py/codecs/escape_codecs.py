# unicode_escape, raw_unicode_escape and the bytes escape codec of _codecs.
import codecs
import _codecs
import warnings


def show(label, f, *args):
    try:
        print(label, repr(f(*args)))
    except Exception as e:
        extra = ""
        if isinstance(e, UnicodeDecodeError):
            extra = f" [{e.encoding} {e.start}-{e.end} {e.reason!r} {e.object!r}]"
        print(label, type(e).__name__, str(e) + extra)


samples = ["plain", "tab\there\nnl\rcr", "back\\slash 'q' \"dq\"", "\x00\x1f\x7f\x80\xff",
           "\u0100\u20ac\uffff", "\U0001f600\U0010ffff", "\ud800 lone", ""]
for s in samples:
    e1 = s.encode("unicode_escape")
    e2 = s.encode("raw_unicode_escape")
    print(repr(e1), repr(e2))
    print(e1.decode("unicode_escape") == s, e2.decode("raw_unicode_escape") == s)
    print(_codecs.unicode_escape_encode(s), _codecs.raw_unicode_escape_encode(s))

print(repr("\\N{BULLET}".encode().decode("unicode_escape")))
print(repr(b"\\N{latin small letter a}\\N{NULL}".decode("unicode_escape")))
print(repr(b"\\101\\x41\\u0041\\U00000041\\a\\b\\f\\v\\'\\\"\\\\\\\nX".decode("unicode_escape")))
print(repr(b"\xe9\\xe9".decode("unicode_escape")))
print(repr(_codecs.unicode_escape_decode("\\u00e9 \u00e9")))

bad = [b"\\", b"ab\\", b"\\x4", b"\\x4g!", b"\\u12", b"\\uzzzz", b"\\U00110000", b"\\U0001F60",
       b"\\N", b"\\Nx", b"\\N{", b"\\N{}", b"\\N{NOT A NAME}!", b"ok\\xZZok"]
for b in bad:
    for errors in ["strict", "replace", "ignore", "backslashreplace"]:
        show(f"ue {b!r} {errors}", codecs.unicode_escape_decode, b, errors)
        show(f"raw {b!r} {errors}", codecs.raw_unicode_escape_decode, b, errors)
show("unknown handler", codecs.unicode_escape_decode, b"\\x", "nosuch")
show("bytes.decode", b"a\\xq".decode, "unicode_escape")

# A user handler sees the error and picks where to resume.
def handler(exc):
    print("  handler:", type(exc).__name__, exc.start, exc.end, exc.reason)
    return ("<%d>" % exc.start, exc.end)
codecs.register_error("test.escape", handler)
show("custom", codecs.unicode_escape_decode, b"a\\x1b\\uZZ\\N{X}c", "test.escape")
codecs.register_error("test.bad", lambda exc: ("x", 99))
show("bad pos", codecs.unicode_escape_decode, b"\\x", "test.bad")
codecs.register_error("test.notuple", lambda exc: "x")
show("not tuple", codecs.unicode_escape_decode, b"\\x", "test.notuple")

# final=False keeps an escape cut off by the end for the next call.
for b in [b"ab\\", b"ab\\x4", b"ab\\u00", b"ab\\U0001f6", b"ab\\N{BUL", b"ab\\N", b"\\x4g"]:
    show(f"nonfinal {b!r}", codecs.unicode_escape_decode, b, "strict", False)
    show(f"raw nonfinal {b!r}", codecs.raw_unicode_escape_decode, b, "strict", False)

text = "caf\u00e9 \u20ac \U0001f600 \\ end\n"
for codec in ["unicode_escape", "raw_unicode_escape"]:
    data = text.encode(codec)
    for cut in range(len(data) + 1):
        dec = codecs.getincrementaldecoder(codec)()
        got = dec.decode(data[:cut]) + dec.decode(data[cut:], final=True)
        if got != text:
            print("split mismatch", codec, cut, repr(got))
    print(codec, "split everywhere ok")

# Invalid escapes are kept and warned about once per call.
with warnings.catch_warnings(record=True) as w:
    warnings.simplefilter("always")
    print(repr(b"\\q\\d".decode("unicode_escape")), repr(codecs.escape_decode(b"\\q\\400")))
    print(repr(b"\\777".decode("unicode_escape")))
    for x in w:
        print(x.category.__name__, x.message)

# The bytes escape codec.
for b in [b"plain", b"a'b\\c\"d", b"\t\n\r\x00\x7f\xff"]:
    enc = codecs.escape_encode(b)
    print(enc, codecs.escape_decode(enc[0]))
show("escape_encode bytearray", codecs.escape_encode, bytearray(b"x"))
for b in [b"\\", b"ab\\x4", b"\\xg1", b"\\x41\\101\\\nz", "\\x41\u00e9"]:
    for errors in [None, "strict", "replace", "ignore", "other"]:
        show(f"escape_decode {b!r} {errors}", codecs.escape_decode, b, errors)
