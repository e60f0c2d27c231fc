# Exception raised from __init__ during object construction, uncaught.
class Temperature:
    def __init__(self, celsius):
        if celsius < -273.15:
            raise ValueError(f"{celsius} is below absolute zero")
        self.celsius = celsius
    def __repr__(self):
        return f"Temperature({self.celsius})"

readings = [20, -5, -300, 15]
temps = []
for r in readings:
    temps.append(Temperature(r))
    print(temps[-1])
