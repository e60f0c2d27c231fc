# NameError for a misspelled local variable inside a function, uncaught.
def summarize(values):
    total = 0
    for value in values:
        total += value
    average = total / len(values)
    return f"total={total} avg={averge}"

print(summarize([1, 2, 3]))
