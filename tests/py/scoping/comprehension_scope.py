# Comprehensions have their own scope.
x = "outer x"
result = [x for x in range(3)]
print(x, result)

gen = list(x for x in "ab")
print(x, gen)

s = {x for x in (1, 1, 2)}
d = {x: x for x in range(2)}
print(x, sorted(s), d)

def in_function():
    v = "local v"
    inner = [v + str(i) for i in range(2)]
    return inner
print(in_function())

data = [[1, 2], [3, 4]]
flat = [n for row in data for n in row]
print(flat)
try:
    row
except NameError as e:
    print("NameError:", e)

funcs = [lambda: i for i in range(3)]
print([f() for f in funcs])

def walrus_leaks():
    values = [last := n * 2 for n in range(4)]
    return last, values
print(walrus_leaks())

total = 0
partial = [total := total + n for n in range(5)]
print(total, partial)

try:
    exec("[i := 0 for i in range(3)]")
except SyntaxError as e:
    print("SyntaxError:", e.msg)

nested = [[y * 10 + z for z in range(2)] for y in range(3)]
print(nested)

y = "global y"
def shadowed():
    y = "function y"
    return [y for _ in range(1)], [[y for _ in range(1)] for _ in range(1)]
print(shadowed())

first_iterable_evaluated_outside = [v for v in [x]]
print(first_iterable_evaluated_outside)

items = range(3)
conditions = [i for i in items if i != 1 if i != 5]
print(conditions)

def generator_scope():
    base = 100
    g = (base + k for k in range(3))
    base = 200
    return list(g)
print(generator_scope())

matrix = [[1, 2, 3], [4, 5, 6]]
transposed = [[row[c] for row in matrix] for c in range(3)]
print(transposed)
