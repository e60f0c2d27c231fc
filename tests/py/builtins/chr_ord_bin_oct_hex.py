# chr, ord, bin, oct, hex round trips
for c in ["A", "z", "0", " ", "\n", "é", "€", "日", "😀", "\x00", "\uffff"]:
    n = ord(c)
    print(repr(c), n, hex(n), chr(n) == c)
print([chr(i) for i in range(65, 75)], "".join(chr(ord("a") + i) for i in range(26)))
print(ord(b"A"), ord(bytearray(b"z")), chr(True), chr(0x41))
for n in [0, 5, -5, 255, 1024, -(2 ** 33), 2 ** 64]:
    print(n, bin(n), oct(n), hex(n), int(bin(n), 0) == n, int(oct(n), 8 if n >= 0 else 0) == n if n >= 0 else int(oct(n), 0) == n, int(hex(n), 16) == n)
for bad in [1.0, "1", None]:
    for f in (bin, oct, hex, chr):
        try:
            f(bad)
        except TypeError as e:
            print(f.__name__, type(e).__name__, e)
for bad in ["", "ab", 65, b"ab"]:
    try:
        ord(bad)
    except TypeError as e:
        print("ord", repr(bad), type(e).__name__, e)
for bad in [-1, 0x110000, 2 ** 40]:
    try:
        chr(bad)
    except (ValueError, OverflowError) as e:
        print("chr", bad, type(e).__name__, e)
