# AttributeError with a suggestion for a misspelled attribute.
class Rectangle:
    def __init__(self, width, height):
        self.width = width
        self.height = height
    def area(self):
        return self.width * self.heigth

r = Rectangle(2, 5)
print(r.width, r.height)
print(r.area())
