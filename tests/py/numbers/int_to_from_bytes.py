# int.to_bytes / int.from_bytes
print((1024).to_bytes(2, 'big'), (1024).to_bytes(2, 'little'))
print((1024).to_bytes(4, byteorder='big'))
print((0).to_bytes(0, 'big'), (0).to_bytes(3, 'big'))
print((255).to_bytes(1, 'big'))
print((-1).to_bytes(2, 'big', signed=True), (-128).to_bytes(1, 'little', signed=True))
print((-129).to_bytes(2, 'little', signed=True))
print((2 ** 64 - 1).to_bytes(8, 'big'))
print((1).to_bytes())
print((65).to_bytes(1, 'big'))
for args in [(256, 1, 'big', False), (-1, 1, 'big', False), (128, 1, 'big', True), (1, 1, 'middle', False), (1, -1, 'big', False)]:
    n, length, order, signed = args
    try:
        print(n.to_bytes(length, order, signed=signed))
    except (OverflowError, ValueError) as e:
        print(type(e).__name__, e)
print(int.from_bytes(b'\x00\x10', 'big'), int.from_bytes(b'\x00\x10', 'little'))
print(int.from_bytes(b'\xff\xff', 'big'), int.from_bytes(b'\xff\xff', 'big', signed=True))
print(int.from_bytes(b'', 'big'), int.from_bytes(b'\x80', 'big', signed=True))
print(int.from_bytes([1, 2, 3], 'big'), int.from_bytes(bytearray(b'\x01\x00'), 'little'))
print(int.from_bytes(b'\x01' * 16, 'big'))
print(int.from_bytes(b'\x7f'))
for n in (0, 1, -1, 127, -128, 32767, -32768, 10 ** 12, -(10 ** 12)):
    length = (n.bit_length() + 8) // 8
    bs = n.to_bytes(length, 'little', signed=True)
    back = int.from_bytes(bs, 'little', signed=True)
    print(n, length, bs, back == n)
try:
    int.from_bytes(b'\x01', 'sideways')
except ValueError as e:
    print(type(e).__name__, e)
try:
    int.from_bytes("abc", 'big')
except TypeError as e:
    print(type(e).__name__, e)
class MyInt(int):
    pass
r = MyInt.from_bytes(b'\x05', 'big')
print(type(r).__name__, r)
