# An uncaught TypeError from an augmented assignment on a tuple element
record = ("id-1", [1, 2])
record[1].append(3)
print(record)
record[1] += [4]
print(record)
