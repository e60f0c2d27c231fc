# `ba += x` appends in place and returns the same bytearray, for every kind
# of bytes-like right operand, with or without room in its buffer.
import array

ba = bytearray()
ident = id(ba)
for i in range(1000):
    ba += b"ab"
print(len(ba), ba[:6], id(ba) == ident)
ba += bytes(ba)
print(len(ba), ba[-4:], id(ba) == ident)
ba += bytearray(b"XY")
ba += memoryview(b"MV")
ba += array.array("B", [1, 2])
print(ba[-8:], len(ba))
big = b"z" * 100
big += b"!"
ba += big
print(ba[-3:], len(ba))
small = bytearray(b"s")
alias = small
small += b"t"
print(alias, small is alias)
class Sub(bytearray):
    pass
s = Sub(b"q")
s += b"r"
print(type(s).__name__, s)
for bad in ("str", 5, None, [1]):
    try:
        ba += bad
    except TypeError as e:
        print("TypeError:", e)
print(len(ba))
def grow():
    local = bytearray(b"L")
    for i in range(300):
        local += bytes([i % 256])
    return local
g = grow()
print(len(g), g[:4], sum(g))
