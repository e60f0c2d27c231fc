# split/rsplit/splitlines/partition edge cases for bytes
cases = [b"", b" ", b"a", b"a b", b"  a  b  ", b"a,b,c", b",a,", b"\t\n\x0b\x0c\r\x1c a"]
for c in cases:
    print(repr(c), c.split(), c.split(b","), c.rsplit(maxsplit=1), c.split(b" ", 1), c.splitlines())
print(b"a--b--c".split(b"--"), b"a--b--c".rsplit(b"--", 1), b"abc".split(b"abc"), b"aaa".split(b"a", 1))
print(b"1\r\n2\r3\n\n".splitlines(), b"1\r\n2\r3\n\n".splitlines(keepends=True), b"\x0b\x0cx\x1c".splitlines())
print(b"k:v:w".partition(b":"), b"k:v:w".rpartition(b":"), b"kvw".partition(b":"), bytearray(b"a=b").partition(b"="))
try:
    b"abc".split(b"")
except ValueError as e:
    print(type(e).__name__, e)
try:
    b"abc".split(" ")
except TypeError as e:
    print(type(e).__name__, e)
try:
    b"abc".partition(b"")
except ValueError as e:
    print(type(e).__name__, e)
print(b"a\xa0b".split(), b"a\x85b".splitlines(), "a\xa0b".split(), "a\x85b".splitlines())
