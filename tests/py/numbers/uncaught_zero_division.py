# An uncaught ZeroDivisionError inside nested calls ends the program
def ratio(a, b):
    return a / b
def average(values):
    return ratio(sum(values), len(values))
print(average([1, 2, 3, 4]))
print(average([10]))
print("about to fail")
print(average([]))
print("never printed")
