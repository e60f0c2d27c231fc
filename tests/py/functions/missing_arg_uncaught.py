# A wrong call deep in a chain is not caught.
def area(width, height):
    return width * height

def compute(shapes):
    total = 0
    for s in shapes:
        total += area(*s)
    return total

print(compute([(1, 2), (3, 4)]))
print(compute([(5, 5)]))
print(compute([(2, 3), (4,)]))
print("unreachable")
