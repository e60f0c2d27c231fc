# UnicodeDecodeError, UnicodeEncodeError and UnicodeTranslateError keep
# start and end positions of any machine size, negative or far past the
# object, and format them in str() (no positions check at construction).
cases = [
    lambda: UnicodeDecodeError("utf-8", b"", 100, -2**63, "why"),
    lambda: UnicodeDecodeError("utf-8", b"\xff\xfe", 2**62, 2**63 - 1, "why"),
    lambda: UnicodeDecodeError("latin-1", b"ab", -2**63, 1, "why"),
    lambda: UnicodeEncodeError("ascii", "h\xe9", 2**40, -2**40, "why"),
    lambda: UnicodeEncodeError("ascii", "h\xe9", 1, 2, "why"),
    lambda: UnicodeTranslateError("abc", -2**63, 2**63 - 1, "why"),
    lambda: UnicodeDecodeError("utf-8", b"x", 2**63, 0, "why"),
    lambda: UnicodeEncodeError("ascii", "x", 0, -2**63 - 1, "why"),
]
for make in cases:
    try:
        e = make()
    except Exception as err:
        print("construct:", type(err).__name__, err)
        continue
    print(type(e).__name__, e.start, e.end, repr(str(e)))
