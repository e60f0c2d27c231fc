# Indexing and slicing large bytes (read in place): ends, negative indices,
# steps, out of range, index objects, subclasses; a loop over 1 MB stays fast.
class Idx:
    def __init__(self, i):
        self.i = i

    def __index__(self):
        return self.i


class B(bytes):
    pass


data = bytes(range(256)) * 4096
n = len(data)
print(n, data[0], data[255], data[256], data[-1], data[-n], data[n // 2 + 3])
print(data[10:15], data[-5:], data[250:260:3], data[::-1][:4], data[5:1], data[n - 2:n + 10])
print(data[Idx(7)], data[Idx(-2)], data[Idx(1):Idx(4)], data[True])
for bad in (n, -n - 1, 2**70):
    try:
        data[bad]
    except IndexError as e:
        print("IndexError:", e)
for bad in ("x", 1.5, None):
    try:
        data[bad]
    except TypeError as e:
        print("TypeError:", e)
sub = B(b"hello world")
print(sub[1], sub[-1], sub[1:4], type(sub[1:4]).__name__)
total = 0
for i in range(0, n, 3):
    total += data[i]
chunks = 0
for i in range(0, n, 5):
    chunks += len(data[i:i + 5])
print(total, chunks)
print(bytearray(b"abc")[1], bytearray(b"abcdef")[1:5:2], memoryview(data)[3])
