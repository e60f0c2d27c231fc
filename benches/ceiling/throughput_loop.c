/* Throughput-bound loop: four independent xorshift chains, so the core issues
 * several instructions per cycle (as an interpreter's dispatch loop does).
 * Usage: throughput_loop ITERS. Prints "elapsed: SECONDS". Part of
 * benches/ceiling.py. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

#define XS(x) (x ^= x << 13, x ^= x >> 7, x ^= x << 17)

int main(int argc, char **argv) {
    long n = argc > 1 ? atol(argv[1]) : 100000000L;
    uint64_t a = 1, b = 2, c = 3, d = 4;
    struct timespec t0, t1;
    clock_gettime(CLOCK_MONOTONIC, &t0);
    for (long i = 0; i < n; i++) {
        XS(a); XS(b); XS(c); XS(d);
        a += i; b += a; c += b; d += c;
    }
    clock_gettime(CLOCK_MONOTONIC, &t1);
    printf("checksum: %llu\n", (unsigned long long)(a ^ b ^ c ^ d));
    printf("elapsed: %.4f\n", (t1.tv_sec - t0.tv_sec) + (t1.tv_nsec - t0.tv_nsec) / 1e9);
    return 0;
}
