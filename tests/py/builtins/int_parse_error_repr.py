# int()'s ValueError shows the rejected text as its repr: NULs, lone
# surrogates, undecodable bytes and long inputs (cut at 200 characters).
cases = [
    ("42\x00", None), ("7f\x00 1", 16), ("9\udfff", None),
    ("\ud800\udc00x", 36), (b"5\xfe", 10), (bytearray(b"9\x00"), None),
    (" 8 9 ", None), ("z" * 300, 10), ("\u0663\u0664x", None),
]
for s, base in cases:
    try:
        print(int(s) if base is None else int(s, base))
    except ValueError as e:
        msg = e.args[0]
        print(len(msg), msg)
