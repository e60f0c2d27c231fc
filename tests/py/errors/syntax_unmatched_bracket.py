# SyntaxError: closing bracket does not match opening one.
matrix = [[1, 2], [3, 4)]
print(matrix)
