# Unclosed parenthesis detected at the end of the file.
print("never printed")
values = [1, 2, 3]
total = sum(values
print(total)
