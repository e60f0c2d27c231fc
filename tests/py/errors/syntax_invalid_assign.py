# SyntaxError: cannot assign to a function call.
data = {}
len(data) = 5
print(data)
