# NameError with a "Did you mean" suggestion for a global name.
counter = 0
for step in range(3):
    counter += step
print("counter is", counter)
print("doubled is", countr * 2)
