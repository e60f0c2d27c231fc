# Known digests of short inputs for every builtin algorithm, through hashlib
# (which falls back to the _md5/_sha1/_sha256/_sha512/_sha3/_blake2 modules).
import hashlib

inputs = [b"", b"abc", b"The quick brown fox jumps over the lazy dog", bytes(range(256)) * 3]
names = ["md5", "sha1", "sha224", "sha256", "sha384", "sha512",
         "sha3_224", "sha3_256", "sha3_384", "sha3_512", "blake2b", "blake2s"]
for name in names:
    for data in inputs:
        h = hashlib.new(name, data)
        print(name, len(data), h.hexdigest())
    h = hashlib.new(name)
    print(name, "attrs", h.name, h.digest_size, h.block_size)

for name in ["shake_128", "shake_256"]:
    for data in inputs:
        h = hashlib.new(name, data)
        print(name, len(data), h.hexdigest(16), h.digest(40).hex())
    h = getattr(hashlib, name)()
    print(name, "attrs", h.name, h.digest_size, h.block_size, h.digest(0))

# Feeding in pieces gives the same digest as one update.
for name in names:
    whole = hashlib.new(name, b"abcdefghij" * 50).digest()
    h = hashlib.new(name)
    for i in range(0, 500, 7):
        h.update(b"abcdefghij" * 50 and (b"abcdefghij" * 50)[i:i + 7])
    print(name, "pieces", h.digest() == whole)

# The builtin modules themselves (hashlib prefers OpenSSL's where it has it).
import _md5, _sha1, _sha256, _sha512, _sha3, _blake2
for f in (_md5.md5, _sha1.sha1, _sha256.sha224, _sha256.sha256, _sha512.sha384,
          _sha512.sha512, _sha3.sha3_224, _sha3.sha3_512, _blake2.blake2b, _blake2.blake2s):
    h = f(b"builtin")
    print(type(h).__module__, type(h).__name__, h.name, h.digest_size, h.block_size, h.hexdigest()[:24])
print(_sha3.shake_128(b"builtin").hexdigest(12), _sha3.shake_256(b"builtin").hexdigest(12))

# bytearray, memoryview and array inputs
import array
print(hashlib.sha256(bytearray(b"abc")).hexdigest() == hashlib.sha256(b"abc").hexdigest())
print(hashlib.md5(memoryview(b"xabcx")[1:4]).hexdigest())
print(hashlib.sha1(array.array("B", [97, 98, 99])).hexdigest())
print(hashlib.md5(b"abc", usedforsecurity=False).hexdigest())
