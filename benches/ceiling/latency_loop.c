/* Latency-bound loop: one dependent multiply-modulo chain through a volatile,
 * so the core's execution units sit mostly idle. Usage: latency_loop ITERS.
 * Prints "elapsed: SECONDS". Part of benches/ceiling.py. */
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

int main(int argc, char **argv) {
    long n = argc > 1 ? atol(argv[1]) : 100000000L;
    volatile unsigned long acc = 1;
    struct timespec t0, t1;
    clock_gettime(CLOCK_MONOTONIC, &t0);
    for (long i = 0; i < n; i++)
        acc = (acc * 31 + i) % 1000003;
    clock_gettime(CLOCK_MONOTONIC, &t1);
    printf("checksum: %lu\n", (unsigned long)acc);
    printf("elapsed: %.4f\n", (t1.tv_sec - t0.tv_sec) + (t1.tv_nsec - t0.tv_nsec) / 1e9);
    return 0;
}
