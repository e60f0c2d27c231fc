# An uncaught NameError from a misspelled variable in a loop
counter = 0
for i in range(3):
    counter += i
    print("counter", counter)
print("result", total_value)
