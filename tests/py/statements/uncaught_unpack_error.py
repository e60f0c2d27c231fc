# An uncaught ValueError from tuple unpacking
records = ["alice:30", "bob:25", "carol"]
for rec in records:
    name, age = rec.split(":")
    print(name, int(age))
