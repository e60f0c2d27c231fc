# hex() and fromhex round trips
data = [b"", b"\x00", b"\xff", b"abc", bytes(range(16)), b"\xde\xad\xbe\xef"]
for d in data:
    h = d.hex()
    print(repr(d), h, bytes.fromhex(h) == d, d.hex(":"), d.hex("-", 2), d.hex(" ", -2), d.hex("|", 3))
print(bytearray(b"\x01\x02").hex(), memoryview(b"\x0a\x0b").hex(), bytearray.fromhex("ab cd"), type(bytearray.fromhex("")).__name__)
print(bytes.fromhex("A0b1C2"), bytes.fromhex("  "), bytes.fromhex("01\n02\t03"))
for bad in ["0", "0g", "0 1", "xx", "é0"]:
    try:
        bytes.fromhex(bad)
    except ValueError as e:
        print(repr(bad), type(e).__name__, e)
for sep in ["::", "é", 5]:
    try:
        print(b"ab".hex(sep))
    except (ValueError, TypeError) as e:
        print(repr(sep), type(e).__name__, e)
print(b"\x12\x34".hex(b":"), b"abcdef".hex(":", 4), b"abcdef".hex(":", -4))
