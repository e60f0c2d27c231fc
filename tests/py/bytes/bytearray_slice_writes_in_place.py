# Slice assignments of the same length write into a bytearray's buffer;
# the results, the errors and the cases where converting the index or the
# value changes the bytearray first are as CPython's.
b = bytearray(range(20))
b[2:5] = b"xyz"
b[::3] = bytes(7)
b[19:0:-4] = b"ABCDE"
b[-1:-6:-2] = [1, 2, 3]
print(b)
b[5:5] = b""
b[1:1] = b"ins"
print(len(b), b[:8])
for bad in [(slice(0, 10, 2), b"abc"), (slice(None, None, -1), b"x")]:
    try:
        b[bad[0]] = bad[1]
    except ValueError as e:
        print("ValueError:", e)

class Shrinks:
    def __init__(self, target, keep):
        self.target, self.keep = target, keep
    def __index__(self):
        del self.target[self.keep:]
        return 8

# The bounds convert first; the slice is then resolved against the length
# the conversion left.
c = bytearray(b"0123456789abcdef")
try:
    c[0:Shrinks(c, 4):2] = b"WXYZ"
except ValueError as e:
    print("ValueError:", e, c)
c[0:Shrinks(c, 4):2] = b"WX"
print(c)
del c[Shrinks(c, 3)::-1]
print(c)
d = bytearray(b"0123456789abcdef")
d[2:Shrinks(d, 4)] = b"QRSTUV"
print(d)

# A sieve over a large local bytearray, as the itertools recipes write it.
def primes(n):
    data = bytearray((0, 1)) * (n // 2)
    data[:3] = b"\x00\x00\x01"
    for p in range(3, int(n ** 0.5) + 1, 2):
        if data[p]:
            data[p * p:n:p + p] = bytes(len(range(p * p, n, p + p)))
    return [2] + [i for i in range(3, n, 2) if data[i]]

ps = primes(200_000)
print(len(ps), ps[-3:], sum(ps) % 1_000_003)
big = bytearray(b"ab") * 300_000
print(big.index(b"ba", 123_457), big.count(98, 10, 5_000), big.find(b"zz"), big.rfind(b"a", 0, -7))
