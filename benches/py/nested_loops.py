# Single-thread speed benchmark: nested arithmetic loops over ints and floats.
# Usage: nested_loops.py [SIZE]   (default 3000: SIZE*SIZE inner iterations)
import sys

def run(size):
    total = 0
    ftotal = 0.0
    for i in range(size):
        row = 0
        for j in range(size):
            row += (i * j + j) % 7
            if j & 1:
                row -= 1
        total = (total + row * (i + 1)) % 1000000007
        ftotal += row / (i + 1.5)
    return total, int(ftotal)

size = int(sys.argv[1]) if len(sys.argv) > 1 else 3000
a, b = run(size)
print("checksum:", a, b)
