# An uncaught TypeError surfacing while a generator expression is consumed
items = [1, 2, "three", 4]
gen = (x * 10 for x in items if x > 1)
print("generator built")
for value in gen:
    print(value)
