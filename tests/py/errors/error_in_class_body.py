# An exception raised while executing a class body.
print("defining classes")
class Fine:
    size = 3

class Broken:
    size = 3
    ratio = size / (size - 3)

print("not reached")
