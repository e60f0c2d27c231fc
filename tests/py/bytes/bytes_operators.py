# operators on bytes and bytearray
a, b = b"abc", b"xyz"
print(a + b, a * 2, 2 * a, a * 0, a + bytearray(b"!"), bytearray(b"!") + a, type(bytearray(b"!") + a).__name__)
print(a == b"abc", a != b, a < b, b"ab" < b"abc", b"\xff" > b"\x00\xff", a <= a, a >= b)
print(a == bytearray(b"abc"), bytearray(b"abc") == a, a == "abc", a == [97, 98, 99])
print(b"%s and %d" % (b"bytes", 5), b"%5s|%-5s|" % (b"ab", b"cd"), b"%x %c %c" % (255, 65, b"B"), b"%r" % "s", b"%a" % "é")
print(b"%(k)s" % {b"k": b"v"}, b"%%", bytearray(b"%s") % b"ba", b"%b" % b"bb")
for f in [lambda: a + "c", lambda: "c" + a, lambda: a * 1.5, lambda: a < "abc", lambda: a - b, lambda: b"%d" % b"x", lambda: b"%s" % "str"]:
    try:
        print(f())
    except TypeError as e:
        print(type(e).__name__, e)
x = b"im"
y = x
x += b"mutable"
print(x, y, x is y)
print(sorted([b"b", b"a", b"ab", b"", b"\x00"]), max(b"hello"), min(b"hello"), sum(b"\x01\x02\x03"))
print(hash(b"abc") == hash(b"abc"), {b"k": 1}[b"k"])
try:
    hash(bytearray(b"x"))
except TypeError as e:
    print(type(e).__name__, e)
