# An exception raised inside a generator escapes to the top level.
def parse(lines):
    for n, line in enumerate(lines, 1):
        key, value = line.split("=")
        yield n, key.strip(), int(value)

data = ["a = 1", "b = 2", "c = three", "d = 4"]
for n, k, v in parse(data):
    print(n, k, v)
print("not reached")
