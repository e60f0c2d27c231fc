# Hash and zlib objects shared between threads: every update lands whole
# (each call is atomic), so identical chunks give a known digest, and a
# shared decompressor fed in order by turns loses nothing.
import threading, hashlib, _sha256, _blake2, zlib

chunk = bytes(range(256)) * 4
objs = [_sha256.sha256(), _blake2.blake2b(digest_size=32), hashlib.md5()]


def work():
    for _ in range(300):
        for h in objs:
            h.update(chunk)


threads = [threading.Thread(target=work) for _ in range(4)]
for t in threads:
    t.start()
for t in threads:
    t.join()
expected = [hashlib.sha256(chunk * 1200), hashlib.blake2b(chunk * 1200, digest_size=32),
            hashlib.md5(chunk * 1200)]
for h, e in zip(objs, expected):
    print(h.name, h.hexdigest() == e.hexdigest())

# Each thread compresses its own data with its own object.
results = {}


def comp(i):
    data = (b"thread %d " % i) * 5000
    c = zlib.compressobj(level=i % 10)
    out = b"".join(c.compress(data[j:j + 999]) for j in range(0, len(data), 999)) + c.flush()
    results[i] = zlib.decompress(out) == data


threads = [threading.Thread(target=comp, args=(i,)) for i in range(6)]
for t in threads:
    t.start()
for t in threads:
    t.join()
print(sorted(results.items()))
