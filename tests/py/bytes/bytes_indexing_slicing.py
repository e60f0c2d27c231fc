# indexing bytes returns ints, slicing returns bytes
b = b"abcdefgh"
print(b[0], b[-1], b[3], type(b[0]).__name__)
print(b[1:4], b[::-1], b[::2], b[-3:], b[:0], b[100:], b[2:100], b[slice(1, None, 3)])
ba = bytearray(b"abcdefgh")
print(ba[0], ba[-1], ba[1:4], type(ba[1:4]).__name__, ba[::-2])
for i in (8, -9):
    try:
        b[i]
    except IndexError as e:
        print(type(e).__name__, e)
    try:
        ba[i]
    except IndexError as e:
        print(type(e).__name__, e)
try:
    b["x"]
except TypeError as e:
    print(type(e).__name__, e)
try:
    b[0] = 1
except TypeError as e:
    print(type(e).__name__, e)
print(98 in b, b"cd" in b, b"" in b, b"dc" in b, 300 in b if False else "skip", bytearray(b"c") in b)
for bad in [300, "a", 1.5]:
    try:
        bad in b
    except (ValueError, TypeError) as e:
        print(repr(bad), type(e).__name__, e)
for x in b"hey":
    print(x, chr(x))
print(b[True], len(b), b[-len(b)], bool(b""), bool(b"\x00"))
