# Exception inside a property getter and a dunder method.
class Temperature:
    def __init__(self, readings):
        self.readings = readings
    @property
    def average(self):
        return sum(self.readings) / len(self.readings)
    def __str__(self):
        return f"avg {self.average:.1f}"

print(str(Temperature([20, 22])))
print(str(Temperature([])))
