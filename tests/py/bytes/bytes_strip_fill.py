# strip/lstrip/rstrip with arguments and fill methods on bytes
b = b"xxhello worldxx"
print(b.strip(b"x"), b.lstrip(b"x"), b.rstrip(b"x"), b.strip(b"xdh"), b.strip(b""), b.strip(None))
print(b"\t\n data \r\x0b".strip(), b"  a  ".lstrip(), b"  a  ".rstrip())
print(b"abc".ljust(2), b"abc".rjust(6, b"0"), b"abc".center(8, b"-"), b"abc".center(7), b"".center(3, b"*"))
print(b"-5".zfill(4), b"+5".zfill(4), b"5".zfill(1), b"".zfill(3), b"ab".zfill(4))
print(bytearray(b"..x..").strip(b"."), type(bytearray(b"x").ljust(3)).__name__)
for bad in ["x", 1]:
    try:
        b.strip(bad)
    except TypeError as e:
        print(type(e).__name__, e)
try:
    b"abc".ljust(5, "x")
except TypeError as e:
    print(type(e).__name__, e)
