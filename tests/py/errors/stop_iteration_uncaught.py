# next() on an exhausted iterator at the top level.
it = iter([1])
print(next(it))
print(next(it))
