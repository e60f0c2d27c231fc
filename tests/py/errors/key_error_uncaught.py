# KeyError with a string key, uncaught.
inventory = {"apples": 3, "pears": 0}

def take(fruit):
    inventory[fruit] -= 1
    return inventory[fruit]

print(take("apples"))
print(take("plums"))
