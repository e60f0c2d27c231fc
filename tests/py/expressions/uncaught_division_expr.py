# An uncaught ZeroDivisionError in the middle of a larger expression
weights = [2, 3, 0, 5]
for w in weights:
    score = 10 + 100 // w * 2 - 1
    print(w, score)
