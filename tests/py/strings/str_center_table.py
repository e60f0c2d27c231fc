# producing an aligned text table with format specs
rows = [("Name", "Qty", "Price"), ("apple", 3, 0.5), ("banana", 12, 0.25), ("cherry", 100, 12.0), ("kiwi", 0, 1.125)]
header, *body = rows
widths = [max(len(str(r[i])) for r in rows) + 2 for i in range(3)]
print(widths)
print("|".join(f"{h:^{w}}" for h, w in zip(header, widths)))
print("+".join("-" * w for w in widths))
for name, qty, price in body:
    print(f"{name:<{widths[0]}}|{qty:>{widths[1]}}|{price:>{widths[2]}.2f}")
total = sum(q * p for _, q, p in body)
print(f"{'TOTAL':<{widths[0]}}|{'':>{widths[1]}}|{total:>{widths[2]}.2f}")
for name, qty, price in body:
    print("%-8s %4d %7.3f" % (name, qty, price), "{:>8} {:<4} {:^9.1f}|".format(name, qty, price))
for n in (0, 1, 22, 333, 4444, 55555):
    print(f"{n:>6}|{n:<6}|{n:^6}|{n:06}|{n:+6}|{n:x>6}")
