# An uncaught StopIteration from calling next() on an exhausted iterator
letters = iter("ab")
print(next(letters))
print(next(letters))
print(next(letters))
