# print() to a text stream that cannot encode one of its pieces: the pieces
# before it are written, and the error's position counts within that piece.
import io

def attempt(*args, **kw):
    raw = io.BytesIO()
    t = io.TextIOWrapper(raw, encoding="ascii", errors=kw.pop("errors", "strict"))
    try:
        print(*args, file=t, **kw)
        result = "ok"
    except UnicodeEncodeError as e:
        result = f"{e.reason} at {e.start}-{e.end} in {e.object!r}: {e}"
    t.flush()
    print(result, "| written:", raw.getvalue())

attempt("***", "NameError: name 'Fran\u00e7ais'")
attempt("caf\u00e9")
attempt("a", "b", sep="\u00b7")
attempt("a", end="\u2026\n")
attempt(1, 2.5, None, "x\u00ff", True)
attempt("plain", "ascii")
attempt("x\u00e9", errors="replace")
attempt("x\u00e9", "y\u00e8", errors="backslashreplace", sep="|")
