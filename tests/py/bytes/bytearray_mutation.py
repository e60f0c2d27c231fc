# bytearray mutation methods
ba = bytearray(b"hello")
ba[0] = 72
print(ba)
ba[1:3] = b"EY"
print(ba)
ba[1:3] = b"abcd"
print(ba)
ba[::2] = b"XXXX"
print(ba)
ba.append(33)
ba.extend(b"??")
ba.extend([49, 50])
ba.extend(x for x in b"ab")
print(ba, len(ba))
ba.insert(0, 62)
ba.insert(-1, 95)
ba.insert(100, 126)
print(ba)
print(ba.pop(), ba.pop(0), ba.pop(-2), ba)
ba.remove(88)
print(ba)
del ba[0]
del ba[-3:]
del ba[::3]
print(ba)
ba.reverse()
print(ba)
ba += b"++"
ba *= 2
print(ba)
c = ba.copy()
c.clear()
print(c, ba == c, len(ba))
ba[:] = b"reset"
print(ba)
errs = [
    lambda: ba.append(256), lambda: ba.append("a"), lambda: ba.remove(0), lambda: bytearray().pop(),
    lambda: ba.__setitem__(0, -1), lambda: ba.__setitem__(slice(0, 4, 2), b"abc"), lambda: ba.extend([1, 999]),
    lambda: ba.__setitem__(0, b"a"), lambda: ba.pop(99), lambda: ba.insert(0, 1000), lambda: ba.extend(5),
]
for f in errs:
    try:
        f()
        print("ok", ba)
    except (ValueError, TypeError, IndexError) as e:
        print(type(e).__name__, e)
ba[1:1] = [1, 2, 3]
print(ba)
ba[0:2] = bytearray()
print(ba)
ba[-1:] = memoryview(b"MV")
print(ba)
x = bytearray(b"abc")
y = x
x += b"d"
print(x is y, y)
