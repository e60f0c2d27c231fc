# An uncaught UnicodeDecodeError
chunks = [b"hello", b"caf\xc3\xa9", b"bad\xffbyte"]
for c in chunks:
    print(c.decode("utf-8"))
