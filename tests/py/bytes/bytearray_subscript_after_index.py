# bytearray items and slices: negative and out-of-range indices, extended
# slices, and an __index__ that changes the bytearray before it is read.
b = bytearray(b"abc")
print(b[0], b[-1], b[2])
for k in (3, -4, 10**30):
    try:
        b[k]
    except IndexError as e:
        print("IndexError", e)
try:
    b["x"]
except TypeError as e:
    print("TypeError", e)


class Clears:
    def __index__(self):
        b.clear()
        return 0


try:
    print(b[Clears()])
except IndexError as e:
    print("IndexError", e)


class One:
    def __index__(self):
        return 1


print(bytearray(b"xyz")[One()], bytearray(b"xyz")[True])
c = bytearray(range(20))
print(c[2:9], c[::-3], c[15:3:-2], c[100:], c[-5:], c[::2**62], c[3:3])


class ClearsC:
    def __index__(self):
        c.clear()
        return 0


print(c[ClearsC():5])
big = bytearray(65536)
big[300] = 7
block = big[256:512]
print(type(block).__name__, len(block), block[44], big[256:512:64])
