# A bytearray shrunk while a memoryview of it is alive. CPython refuses the
# resize (BufferError); ProtoPy, which cannot tell when an unreleased view
# dies, allows it and the view raises BufferError when used past the new
# end. Either way the program sees a BufferError, never a crash.
def attempt(label, shrink, use):
    b = bytearray(b"abcdefgh")
    m = memoryview(b)
    try:
        shrink(b)
        use(m)
        print(label, "no error", bytes(b))
    except BufferError:
        print(label, "BufferError")

def setitem(m):
    m[6] = 66

def setslice(m):
    m[4:8] = b"WXYZ"

def getitem(m):
    return m[7]

def tolist(m):
    return m.tolist()

def cast_read(m):
    return m.cast("H")[3]

for label, use in [("setitem", setitem), ("setslice", setslice), ("getitem", getitem),
                   ("tolist", tolist), ("cast", cast_read)]:
    attempt(label + " after clear", lambda b: b.clear(), use)
    attempt(label + " after del", lambda b: b.__delitem__(slice(2, None)), use)
    attempt(label + " after pop", lambda b: b.pop(), use)

# growth of the exporter with a view that still fits is refused by CPython
# too; writes within the view keep working in both when nothing is resized
b = bytearray(b"abcd")
m = memoryview(b)
m[0] = 120
b[1] = 121
print(bytes(m), b)
m.release()
b.extend(b"ef")
print(b)

# an index whose __index__ empties the exporter before the write
class Sneaky:
    def __init__(self, target):
        self.t = target
    def __index__(self):
        try:
            self.t.clear()
        except BufferError:
            pass
        return 2

b = bytearray(b"abcd")
m = memoryview(b)
# (CPython refuses the clear and writes; ProtoPy clears and the write
# raises: both leave a consistent bytearray behind)
try:
    m[Sneaky(b)] = 1
except BufferError:
    pass
print(bytes(b) in (b"", b"ab\x01d"))
