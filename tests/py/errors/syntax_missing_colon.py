# A program whose file has a syntax error: nothing runs.
print("this line never runs")

def broken(x)
    return x
