# Traceback frames through a generator expression.
def parse_all(texts):
    return sum(int(t) for t in texts)

print(parse_all(["1", "2"]))
print(parse_all(["3", "four"]))
