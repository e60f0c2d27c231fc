# Single-thread speed benchmark in the spirit of pyperformance's telco: billing a
# generated list of calls with decimal arithmetic (multiply, quantize with two rounding
# modes, add), then printing the totals as strings.
# Usage: decimal_telco.py [CALLS] [REPS]   (defaults 20000 calls, 5 repetitions);
# prints the checksum (the totals) and the elapsed time of the billing loops.
# stdlib_cases.py's decimal case imports make_calls and bill from here.
import sys
import time
from decimal import Decimal, getcontext, ROUND_HALF_EVEN, ROUND_DOWN


def make_calls(n):
    # Call durations in seconds and a rate class per call, from a small LCG.
    seed = 12345
    calls = []
    for _ in range(n):
        seed = (seed * 1103515245 + 12345) % 2147483648
        calls.append((seed % 3600 + 1, seed % 2))
    return calls


def bill(calls, reps):
    # Returns the three totals, the number of priced calls and the last
    # call's total, all as the strings the checksum prints.
    rates = [Decimal("0.0013"), Decimal("0.00894")]
    basic_tax = Decimal("0.0675")
    distance_tax = Decimal("0.0341")
    cent = Decimal("0.01")
    getcontext().rounding = ROUND_DOWN
    out = []
    for _ in range(reps):
        sum_t = sum_b = sum_d = Decimal(0)
        for secs, kind in calls:
            price = (rates[kind] * Decimal(secs)).quantize(cent, rounding=ROUND_HALF_EVEN)
            btax = (price * basic_tax).quantize(cent)
            total = price + btax
            sum_b += btax
            if kind:
                dtax = (price * distance_tax).quantize(cent)
                total += dtax
                sum_d += dtax
            sum_t += total
            out.append(str(total))
    return str(sum_t), str(sum_b), str(sum_d), len(out), out[-1]


if __name__ == "__main__":
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 20000
    reps = int(sys.argv[2]) if len(sys.argv) > 2 else 5
    calls = make_calls(n)
    t0 = time.perf_counter()
    totals = bill(calls, reps)
    elapsed = time.perf_counter() - t0
    print("checksum:", *totals)
    print("elapsed:", "%.6f" % elapsed)
