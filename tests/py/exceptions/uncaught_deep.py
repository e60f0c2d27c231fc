# Traceback through several function frames and a method.
class Calculator:
    def divide(self, a, b):
        return a / b
    def average(self, values):
        return self.divide(sum(values), len(values))

def report(calc, groups):
    for name, values in groups:
        print(name, calc.average(values))

def main():
    report(Calculator(), [("first", [1, 2, 3]), ("second", [10]), ("empty", [])])

main()
