# Using a list as a dict key.
index = {}
index[(1, 2)] = "tuple key works"
print(index)
index[[1, 2]] = "list key fails"
