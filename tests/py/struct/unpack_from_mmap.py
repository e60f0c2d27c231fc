# struct.unpack_from over an mmap: fields at offsets of a large read-only
# mapping (as a pack-file reader does), offsets out of range, a closed map.
import mmap
import os
import struct
import tempfile

fd, path = tempfile.mkstemp()
try:
    os.write(fd, bytes(range(256)) * 4096)
    m = mmap.mmap(fd, 0, access=mmap.ACCESS_READ)
    header = struct.Struct(">4sII")
    print(struct.unpack_from(">I", m, 4), struct.unpack_from("<H", m, -2))
    print(header.unpack_from(m, 0), header.unpack_from(m, 1_048_564))
    total = 0
    for off in range(0, len(m) - 8, 4099):
        total += struct.unpack_from(">Q", m, off)[0] & 0xFFFF
    print("sum of fields:", total)
    for off in (len(m) - 3, -len(m) - 1, 5_000_000):
        try:
            print(struct.unpack_from(">I", m, off))
        except struct.error as e:
            print("struct.error:", e)
    class Offset:
        def __index__(self):
            return 16
    print(struct.unpack_from(">I", m, Offset()))
    m.close()
    try:
        struct.unpack_from(">I", m, 0)
    except ValueError as e:
        print("ValueError:", e)
finally:
    os.close(fd)
    os.unlink(path)
