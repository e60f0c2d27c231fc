# An uncaught AttributeError from calling a method on None
def find(items, target):
    for item in items:
        if item.startswith(target):
            return item
words = ["apple", "banana"]
print(find(words, "ba").upper())
print(find(words, "ap").upper())
print(find(words, "zz").upper())
