# Exceptions raised inside comprehensions and generator expressions.
def safe_div(a, b):
    try:
        return a / b
    except ZeroDivisionError:
        return None

print([safe_div(10, d) for d in [1, 2, 0, 5]])

try:
    [10 / d for d in [1, 0]]
except ZeroDivisionError as e:
    print("list comprehension:", e)

try:
    {k: 1 / k for k in [1, 0]}
except ZeroDivisionError as e:
    print("dict comprehension:", e)

try:
    {int(s) for s in ["1", "x"]}
except ValueError as e:
    print("set comprehension:", e)

g = (1 / d for d in [1, 0, 2])
print(next(g))
try:
    next(g)
except ZeroDivisionError as e:
    print("generator expression:", e)
print(list(g))

def filtered(items):
    return [x for x in items if x.startswith("a")]
try:
    filtered(["ab", 1, "ac"])
except AttributeError as e:
    print("AttributeError:", e)

results = []
for chunk in [[1, 2], [3, "4"], [5]]:
    try:
        results.append(sum(v * 2 for v in chunk))
    except TypeError as e:
        results.append("bad chunk: " + str(e))
print(results)

def nested():
    return [[1 // (i - j) for j in range(2)] for i in range(2)]
try:
    nested()
except ZeroDivisionError as e:
    print("nested comprehension:", e)

try:
    [x for x in undefined_iterable_name]
except NameError as e:
    print("NameError:", e)

captured = []
try:
    [captured.append(i) or 1 / (2 - i) for i in range(5)]
except ZeroDivisionError:
    print("side effects before the error:", captured)
