# converting between ints, lists and bytes
nums = [0, 1, 127, 128, 255]
b = bytes(nums)
print(b, list(b), sum(b), b[::-1], bytes(reversed(b)))
print(int.from_bytes(b, "big"), int.from_bytes(b, "little"))
words = [b"\x01\x00", b"\xff\xff", b"\x00\x80"]
print([int.from_bytes(w, "little") for w in words], [int.from_bytes(w, "big", signed=True) for w in words])
def checksum(data):
    total = 0
    for byte in data:
        total = (total + byte) & 0xFF
    return total
print(checksum(b"hello world"), checksum(b""), checksum(bytes(range(256))))
def xor(data, key):
    return bytes(c ^ key[i % len(key)] for i, c in enumerate(data))
enc = xor(b"secret message", b"k3y")
print(enc, xor(enc, b"k3y"))
print(bytes([x & 0xF for x in b"\x1f\x2e\x3d"]), bytearray(x * 2 for x in range(5)))
print(b"abc".upper() == bytes(c - 32 for c in b"abc"))
print([hex(c) for c in "é€".encode()], "".join(f"{c:08b}" for c in b"AB"))
