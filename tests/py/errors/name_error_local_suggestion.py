# NameError suggesting a local variable name inside a function.
def area(width, height):
    result = width * height
    return reslt

print("computing")
area(3, 4)
