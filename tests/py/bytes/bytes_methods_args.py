# bytes/bytearray method arguments: ranges, ints as subsequences, keyword forms
b = b"  abc abc  abc "
print(b.count(b"abc", 3), b.count(b"abc", 3, 9), b.find(97, 5), b.rfind(b"abc", 0, -2), b.index(b"c", -4))
print(b.split(maxsplit=1), b.rsplit(maxsplit=1), b.split(b" ", maxsplit=2), b.rsplit(sep=b"abc"))
print(b.startswith(b"  a", 0, 3), b.endswith((b"x", b"c "), -3), b.startswith(b"", 99), b.find(b"", 99))
print(b"a\tbc\td".expandtabs(), b"a\tbc\td".expandtabs(tabsize=3), b"\t".expandtabs(0))
print(b"x".center(4, b"*"), b"x".center(5, bytearray(b"-")), b"ab".rjust(1), b"-0".zfill(4))
print(b"Hello World".title(), b"hELLO".swapcase(), b"mIxEd".capitalize(), b"a1_B2".upper())
print(b"Ab Cd".istitle(), b"AB cd".istitle(), b"".isalpha(), b"12a".isalnum(), b"\x0b\x0c".isspace())
t = bytes.maketrans(b"abc", b"xyz")
print(b"aabbcc".translate(t, delete=b"b"), bytearray(b"abc").translate(None, b"a"))
print(b"\x01\x02\x03\x04\x05".hex(":", 2), b"\x01\x02\x03\x04\x05".hex(b".", -2), bytearray(b"\xff").hex())
print(bytes.fromhex(" 01 02\t0a "), bytearray.fromhex("ff").hex(), b"abc".removeprefix(b"ab"), b"abc".removesuffix(b""))
ba = bytearray(b"hello")
ba.extend(b"!!")
ba.extend([32, 33])
ba.insert(-100, 62)
ba.remove(ord("!"))
ba *= 2
print(ba, ba.pop(1), ba.pop(), len(ba), ba.count(b"l"), 108 in ba, b"ll" in ba)
errs = [
    lambda: b.count(), lambda: b.find(b"a", 1, 2, 3), lambda: b.find("a"), lambda: b.find(300),
    lambda: b.startswith("a"), lambda: b.split(b""), lambda: b.center(5, "x"), lambda: b.hex("::"),
    lambda: bytes.fromhex("0g"), lambda: bytes.maketrans(b"a", b"bc"), lambda: b.translate(b"short"),
    lambda: b.replace(b"a"), lambda: b.partition(b""), lambda: ba.remove(1), lambda: ba.extend(3),
    lambda: bytearray().pop(), lambda: b.split(maxsplit="1"), lambda: b[50], lambda: b[str(b)],
]
for e in errs:
    try:
        print("ok", e())
    except (TypeError, ValueError, IndexError) as ex:
        print(type(ex).__name__, ex)
