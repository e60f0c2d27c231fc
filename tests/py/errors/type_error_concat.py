# TypeError from str + int concatenation.
name = "item"
count = 3
print(name + " x" + str(count))
print(name + " x" + count)
