# A Struct given new formats by __init__ again and again: each call packs
# with the format it was given last, a format given before is parsed as
# before, and a bad format leaves the old parse but shows the new text.
import struct

s = struct.Struct("<i")
for fmt in ["<i", "<q", ">h", b"<i", "<q", "=2H"] * 2:
    s.__init__(fmt)
    print(s.format, s.size, s.pack(*([7] * len(s.unpack(bytes(s.size))))), s.unpack(bytes(range(s.size))))

try:
    s.__init__("<z")
except struct.error as e:
    print("error:", e)
print(s.format, s.size, s.pack(1, 2))
s.__init__(">I")
it = s.iter_unpack(bytes(range(8)))
print(list(it), s.unpack_from(bytes(range(10)), 2))
try:
    s.__init__(5)
except TypeError as e:
    print("TypeError:", e)
print(s.format, s.size)
print(struct.calcsize("<q"), struct.pack("<q", 5), struct.unpack(">h", b"\x01\x02"))
struct._clearcache()
print(struct.pack("<q", 6), struct.Struct("<q").size)
