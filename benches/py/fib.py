# Single-thread speed benchmark: naive recursive Fibonacci (function calls, int arithmetic).
# Usage: fib.py [REPS]   computes fib(30) REPS times (default 8) and prints a checksum.
import sys

def fib(n):
    if n < 2:
        return n
    return fib(n - 1) + fib(n - 2)

reps = int(sys.argv[1]) if len(sys.argv) > 1 else 8
checksum = 0
for r in range(reps):
    checksum += fib(30) + r
print("checksum:", checksum)
