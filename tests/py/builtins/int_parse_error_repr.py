# int()'s ValueError shows the rejected text as its repr: NULs, lone
# surrogates, undecodable bytes and long inputs (cut at 200 characters).
cases = [
    ("123\x00", None), ("123\x00 245", 16), ("123\ud800", None),
    ("\ud800\udc00x", 36), (b"123\xbd", 10), (bytearray(b"9\x00"), None),
    ("  123 456  ", None), ("z" * 300, 10), ("\u0663\u0664x", None),
]
for s, base in cases:
    try:
        print(int(s) if base is None else int(s, base))
    except ValueError as e:
        msg = e.args[0]
        print(len(msg), msg)
