# IndexError from a list index out of range.
def first_n(items, n):
    return [items[i] for i in range(n)]

print(first_n([1, 2, 3, 4], 2))
print(first_n([1, 2], 2))
print(first_n([1, 2], 3))
