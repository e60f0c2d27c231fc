# A script's top-level work on a bytearray and an array('d') held in module
# globals (shared objects, since module globals are): a sieve of
# Eratosthenes with item stores, then running sums written back item by
# item. Guards the in-place item stores of a buffer that only its maker
# uses (engine/src/runtime/owned_bytes.rs) against the whole-buffer copy
# per store that they replaced.
# Usage: global_buffers.py [N]
import array
import sys
import time

n = int(sys.argv[1]) if len(sys.argv) > 1 else 300_000
t0 = time.perf_counter()
sieve = bytearray(b"\x01") * (n + 1)
sieve[0] = sieve[1] = 0
i = 2
while i * i <= n:
    if sieve[i]:
        for j in range(i * i, n + 1, i):
            sieve[j] = 0
    i += 1
primes = sieve.count(1)
acc = array.array("d", bytes(8 * 20_000))
total = 0.0
for k in range(len(acc)):
    total += k * 0.5
    acc[k] = total
print("checksum:", primes, acc[-1])
print("elapsed: %.6f" % (time.perf_counter() - t0))
