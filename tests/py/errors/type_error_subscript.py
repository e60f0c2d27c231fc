# TypeError: object is not subscriptable.
def first(seq):
    return seq[0]

print(first([9, 8]))
print(first("xy"))
print(first(42))
