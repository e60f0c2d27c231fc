# An uncaught TypeError from ordering mixed types
ages = {"ann": 31, "bob": None, "cy": 27}
for name in ages:
    print(name, ages[name] > 30)
