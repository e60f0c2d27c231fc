# Integer division by zero inside a loop.
def ratios(pairs):
    out = []
    for a, b in pairs:
        out.append(a // b)
    return out

print(ratios([(10, 2), (9, 3)]))
print(ratios([(1, 1), (5, 0)]))
