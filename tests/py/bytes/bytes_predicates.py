# is* predicates on bytes are ASCII-only
samples = [b"", b"abc", b"ABC", b"Abc", b"123", b"a1", b" \t\n\r\x0b\x0c", b"\xe9", b"Hello World", b"hello world", b"_", b"\x00", b"1.5"]
print("value isalpha isdigit isalnum isspace isupper islower istitle isascii")
for s in samples:
    print(repr(s), s.isalpha(), s.isdigit(), s.isalnum(), s.isspace(), s.isupper(), s.islower(), s.istitle(), s.isascii())
print(bytearray(b"ABC").isupper(), bytearray(b"").isalpha(), bytearray(b" ").isspace())
print([hasattr(b"", m) for m in ["isdecimal", "isnumeric", "isidentifier", "isprintable", "casefold", "format", "encode"]])
