# Error handlers registered with codecs.register_error work with the codecs
# ProtoPy encodes natively (ascii, latin-1, utf-8, utf-16/32, cp1252): str
# and bytes replacements, resume positions, and the errors CPython raises
# for replacements a codec refuses or handlers that fail.
import codecs

codecs.register_error("stars", lambda exc: ("*" * (exc.end - exc.start), exc.end))
codecs.register_error("tagged", lambda exc: (b"[%d:%d]" % (exc.start, exc.end), exc.end))
codecs.register_error("hop", lambda exc: ("", exc.start + 2))
codecs.register_error("euro", lambda exc: ("\u20ac", exc.end))
codecs.register_error("pair", lambda exc: (b"\x00\x00", exc.end))
codecs.register_error("fails", lambda exc: int("not a number"))
codecs.register_error("back", lambda exc: ("<", -1 if exc.end < 3 else exc.end))

text = "pi\u03c0=3\u2026\udcff!"
raw = b"ok\xc3\x28 \xff\xfe\x80z"


def attempt(label, fn):
    try:
        print(label, repr(fn()))
    except Exception as e:
        print(label, type(e).__name__ + ":", e)


for enc in ("ascii", "latin-1", "utf-8", "utf-16", "utf-16-le", "utf-32-be", "cp1252"):
    for name in ("stars", "tagged", "hop", "euro", "pair", "fails"):
        attempt("encode %s/%s" % (enc, name), lambda: text.encode(enc, name))

for enc in ("ascii", "utf-8", "utf-16-be", "utf-32-le", "cp1252"):
    for name in ("stars", "hop", "back", "fails"):
        attempt("decode %s/%s" % (enc, name), lambda: raw.decode(enc, name))

attempt("codecs.encode", lambda: codecs.encode("a\xffb", "ascii", "stars"))
attempt("str()", lambda: str(b"\xe9t\xe9", "utf-8", "stars"))
attempt("bytes()", lambda: bytes("\u0100", "latin-1", "tagged"))
attempt("unregistered", lambda: "\u0100".encode("latin-1", "nobody"))
attempt("unregistered, clean data", lambda: "abc".encode("latin-1", "nobody"))
