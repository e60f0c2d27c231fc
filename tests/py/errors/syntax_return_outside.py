# SyntaxError: 'return' outside function, reported at compile time.
print("compile fails before this runs")
for i in range(3):
    if i == 2:
        return i
