# An uncaught TypeError: concatenating str and int
def label(prefix, count):
    return prefix + ": " + count
print(label("apples", "3"))
print(label("pears", str(5)))
print(label("plums", 7))
