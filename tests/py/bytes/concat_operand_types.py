# bytes + x and bytearray + x for each kind of buffer operand: the result's type,
# its value, subclasses on either side, the empty cases, and the errors for
# operands that are no buffers. Iteration of bytes gives ints, and an iterator
# keeps its position across a partial loop.
class B(bytes):
    pass


class BA(bytearray):
    pass


import array

operands = [b"xy", bytearray(b"xy"), B(b"xy"), BA(b"xy"), memoryview(b"xy"),
            array.array("b", [120, 121]), b""]
for left in (b"ab", bytearray(b"ab"), B(b"ab"), BA(b"ab"), b""):
    for right in operands:
        r = left + right
        print(type(left).__name__, type(right).__name__, "->", type(r).__name__, bytes(r))
for bad in ("xy", 3, None, [1, 2]):
    for left in (b"ab", bytearray(b"ab")):
        try:
            left + bad
        except TypeError as e:
            print(type(left).__name__, "+", type(bad).__name__, "TypeError:", e)

a = b"one"
b = a + b""
print(b == a, (b"" + a) == a, len(a + a * 3))
acc = b""
for i in range(200):
    acc = acc + bytes([i % 256])
print(len(acc), sum(acc), acc[:5], acc[-3:])

it = iter(b"\x00\x7f\x80\xff")
print(next(it), list(it), list(it))
it = iter(b"hello world")
for c in it:
    if c == 32:
        break
print(bytes(it))
print([c for c in B(b"sub")], sum(b"\xff" * 1000))
