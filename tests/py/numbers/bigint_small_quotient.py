# Floor division and remainder of big ints whose quotient is small (up to about
# 2**53): quotients estimated from the top bits must be corrected exactly, at the
# boundaries (exact multiples, one below and above them, divisors of exactly 128
# bits, equal operands) and on random operands; signs and mixed sizes take the
# general path and must agree with it.
seed = 7


def rnd(bits):
    global seed
    out = 0
    for _ in range((bits + 63) // 64):
        seed = (seed * 6364136223846793005 + 1442695040888963407) % (1 << 64)
        out = (out << 64) | seed
    return out >> ((bits + 63) // 64 * 64 - bits)


def check(x, y):
    q, r = x // y, x % y
    assert q * y + r == x, (x, y)
    assert (0 <= r < y) if y > 0 else (y < r <= 0), (x, y)
    assert divmod(x, y) == (q, r)
    return q, r


acc = 0
for bits in (127, 128, 129, 200, 640, 4000):
    for _ in range(60):
        y = rnd(bits) | (1 << (bits - 1))
        for qbits in (0, 1, 3, 20, 52, 53, 60):
            qt = rnd(qbits) if qbits else 0
            for extra in (0, 1, -1, y - 1, y // 2, rnd(bits - 1)):
                x = qt * y + extra
                if x <= 0:
                    continue
                q, r = check(x, y)
                acc = (acc * 31 + q + r % 1000003) % (1 << 61)
print("random", acc)

# Boundaries, printed.
y = (1 << 127) + 12345
for x in (y, y - 1, y + 1, 2 * y, 2 * y - 1, 9 * y + y - 1, (1 << 52) * y, (1 << 52) * y - 1,
          (1 << 53) * y + 7, (1 << 180) - 1):
    print(check(x, y))
y = (1 << 128) - 1
for x in (y * y, y * 5, y * 5 + y - 1, y + 1, (1 << 180)):
    print(check(x, y)[0])

# Signs: floor semantics on every combination.
a, b = 12345678901234567890123456789012345678901234567 * 3 + 5, 12345678901234567890123456789012345678901234567
for x, y in ((a, b), (-a, b), (a, -b), (-a, -b), (b * 4, -b), (-b * 4, b)):
    print(check(x, y))

# In-place forms and a zero divisor.
z = a
z //= b
w = a
w %= b
print(z, w)
for x in (a, -a):
    try:
        x // 0
    except ZeroDivisionError as e:
        print("ZeroDivisionError:", e)
    try:
        x % 0
    except ZeroDivisionError as e:
        print("ZeroDivisionError:", e)

# pidigits' digit extraction: the first 300 digits of pi.
def digits(n):
    q, r, t, k, m, x = 1, 0, 1, 1, 3, 3
    out = []
    while len(out) < n:
        if 4 * q + r - t < m * t:
            out.append(m)
            q, r, t, k, m, x = 10 * q, 10 * (r - m * t), t, k, (10 * (3 * q + r)) // t - 10 * m, x
        else:
            q, r, t, k, m, x = q * k, (2 * q + r) * x, t * x, k + 1, (q * (7 * k + 2) + r * x) // (t * x), x + 2
    return "".join(map(str, out))
print(digits(300))
