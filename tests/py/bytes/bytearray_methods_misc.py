# bytearray shares bytes methods; results are bytearrays
ba = bytearray(b"Hello, World")
for name in ["upper", "lower", "swapcase", "title", "capitalize", "strip", "isalpha", "isupper", "hex"]:
    r = getattr(ba, name)()
    print(name, r, type(r).__name__)
print(ba.split(b", "), [type(x).__name__ for x in ba.split()], ba.replace(b"l", b"L", 2), ba.count(b"l"), ba.find(b"World"))
print(ba.startswith(b"Hell"), ba.endswith(bytearray(b"ld")), ba.index(ord("W")), ba.rindex(b"o"), ba.partition(b","))
print(ba + b"!", b"!" + ba, ba * 2, ba == b"Hello, World", ba[::-1], bytes(ba).lower())
print(ba.ljust(15, b"."), ba.zfill(14), bytearray(b"x y").expandtabs(), bytearray(b"a\tb").expandtabs(2))
print(sorted(bytearray(b"dcba")), bytearray(sorted(b"dcba")), max(ba), min(ba), list(reversed(bytearray(b"abc"))))
print(bytearray(b"abc") < bytearray(b"abd"), bytearray(b"abc") < b"abd", b"abc" <= bytearray(b"abc"))
print(bytearray(b"%d-%s") % (5, b"x"), ba.decode().upper(), str(ba, "ascii"))
