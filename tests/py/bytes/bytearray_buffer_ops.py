# bytearray changes through its buffer: appends and extends in place, pops
# at the end, slice and item assignment, and indexes and sources that run
# Python code which changes the bytearray meanwhile.
b = bytearray()
for i in range(300):
    b.append(i & 255)
print(len(b), b[0], b[-1], b[255], sum(b))
b.extend(range(10))
b += b"xyz"
b += bytearray(b"12")
b.extend(b)
print(len(b), bytes(b[-8:]), b.count(b"xyz"))
while len(b) > 5:
    b.pop()
print(b)
b.append(7); b.append(8)
print(b, b.pop(0), b.pop(-2), b)
try:
    bytearray().pop()
except IndexError as e:
    print("IndexError", e)
try:
    b.pop(99)
except IndexError as e:
    print("IndexError", e)
c = bytearray(b"hello")
d = c.copy()
c.append(33)
print(c, d, bytes(c), bytearray(c) == c)
c[0] = 72
c[1:3] = b"EL"
c[::2] = b"abc"
print(c)
try:
    c[::2] = b"ab"
except ValueError as e:
    print("ValueError", e)
del c[0]
del c[::2]
print(c)
c.insert(0, 65); c.insert(-1, 66); c.insert(100, 67)
print(c)
c.remove(66)
try:
    c.remove(200)
except ValueError as e:
    print("ValueError", e)
c.reverse(); print(c)
c *= 2; print(c)
c.clear(); print(c, len(c))
try:
    c.append(256)
except ValueError as e:
    print("ValueError", e)
try:
    c[0] = 1
except IndexError as e:
    print("IndexError", e)
# an index whose __index__ mutates the bytearray
class Sneaky:
    def __init__(self, target):
        self.t = target
    def __index__(self):
        self.t.clear()
        return 3
e = bytearray(b"abcdef")
try:
    e[Sneaky(e)] = 1
except IndexError as ex:
    print("IndexError", ex)
print(e)
e = bytearray(b"abcdef")
try:
    e[2] = Sneaky(e)
except IndexError as ex:
    print("IndexError", ex)
print(e)
e = bytearray(b"abcdef")
print(e.pop(Sneaky(e)) if False else "skip")
# a source iterable that mutates the target
def gen(t):
    t.append(ord("!"))
    yield 65
    yield 66
f = bytearray(b"0123")
f[1:3] = gen(f)
print(f)
f.extend(gen(f))
print(f)
# pop the last byte, then append: the buffer reused in place
g = bytearray(b"abc")
h = g.pop()
g.append(ord("z")); g.append(ord("y"))
print(g, h)
mv = memoryview(g)
print(bytes(mv), mv[0], len(mv))
g[0] = ord("Q")
print(bytes(mv))
# iteration and membership
print([x for x in bytearray(b"xyz")], 121 in bytearray(b"xyz"), b"yz" in bytearray(b"xyz"))
print(bytearray(b"a,b,c").split(b","), bytearray(b"abc").upper(), bytearray(5), bytearray([1, 2]) + b"\x03")
print(hash(bytes(bytearray(b"abc"))) == hash(b"abc"))
big = bytearray(b"q") * 5000
big.append(1)
print(len(big), big[-2:], big.find(1))

# iteration reads the bytearray live
b = bytearray(b"abc")
out = []
for x in b:
    out.append(x)
    if x == 97:
        b.append(100)
    if x == 99:
        b.pop(0)
print(out, b)
it = iter(bytearray(b"xyz"))
print(type(it).__name__, it.__length_hint__(), next(it), it.__length_hint__(), list(it), it.__length_hint__())
it = iter(b)
b.clear()
print(list(it))
class BA(bytearray): pass
print(list(BA(b"hi")), type(iter(BA(b"q"))).__name__)
print(sorted(bytearray(b"cab")), list(reversed(bytearray(b"ab"))), max(bytearray(b"az")))
