# An uncaught IndexError in a helper function
def third(seq):
    return seq[2]
print(third([1, 2, 3]))
print(third("abcd"))
print(third((9, 8)))
