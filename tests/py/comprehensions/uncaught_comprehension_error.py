# An uncaught error raised from inside a list comprehension
prices = {"a": 1.5, "b": 2.0}
print([prices[k] for k in "ab"])
print([prices[k] * 2 for k in "ba"])
print([prices[k] for k in "abc"])
