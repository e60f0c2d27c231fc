# searching methods on bytes
b = b"the quick brown fox jumps over the lazy dog"
print(b.find(b"the"), b.rfind(b"the"), b.find(b"cat"), b.find(111), b.rfind(111), b.find(b""), b.find(b"o", 15, 20))
print(b.index(b"fox"), b.rindex(b"o"), b.count(b"o"), b.count(b"the"), b.count(ord(" ")), b.count(b""))
print(b.startswith(b"the"), b.endswith(b"dog"), b.startswith((b"a", b"t")), b.endswith(b"lazy", 0, -4), b.startswith(b"quick", 4))
for args in [(b"cat",), (200,)]:
    try:
        b.index(*args)
    except ValueError as e:
        print(type(e).__name__, e)
try:
    b.find("the")
except TypeError as e:
    print(type(e).__name__, e)
try:
    b.startswith("the")
except TypeError as e:
    print(type(e).__name__, e)
try:
    b.find(256)
except ValueError as e:
    print(type(e).__name__, e)
ba = bytearray(b)
print(ba.find(b"quick"), ba.count(b"e"), ba.index(b"z"), ba.rfind(bytearray(b"o")), ba.find(memoryview(b"jumps")))
print(b.partition(b" "), b.rpartition(b" "), b.partition(b"!"))
print(b"a,b,,c".split(b","), b"  a b  ".split(), b"a b c".rsplit(None, 1), b"a\nb\r\nc".splitlines(), b"x\ny\n".splitlines(True))
print(b"-".join([b"a", b"b", bytearray(b"c")]), b"".join([]), bytearray(b", ").join([b"x", b"y"]))
try:
    b"-".join([b"a", "b"])
except TypeError as e:
    print(type(e).__name__, e)
