# max() and min() over iterables longer than the value stack's root capacity: each
# item's key stays rooted only while it is compared (one root per item overflowed it).
print(max(range(2_200_000)), min(range(2_200_000)))
print(max(range(-2_200_000, 5), key=abs))
print(max((i % 1000, i) for i in range(3000)), min(map(str, range(3000))))
print(max([], default="empty"), min(iter(range(3)), default=None))
try:
    max(iter([]))
except ValueError as e:
    print("ValueError:", e)
