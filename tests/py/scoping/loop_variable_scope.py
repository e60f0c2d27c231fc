# Which constructs leak their variables into the enclosing scope.
for i in range(3):
    pass
print("for target leaks:", i)

for j in []:
    pass
print("empty loop leaves j undefined:", "j" in globals())

k = "before"
squares = [k for k in range(3)]
print("comprehension target does not leak:", k)

n = 0
while (n := n + 1) < 5:
    pass
print("walrus in while binds:", n)

class CM:
    def __enter__(self):
        return "entered value"
    def __exit__(self, *a):
        return False
with CM() as w:
    pass
print("with target leaks:", w)

try:
    raise ValueError("x")
except ValueError as err:
    pass
print("except target removed:", "err" in globals())

def func():
    for idx, val in enumerate("ab"):
        last = val
    return idx, val, last
print(func())

if True:
    inside_if = "if blocks do not create scope"
print(inside_if)

while True:
    inside_while = "while blocks neither"
    break
print(inside_while)

try:
    inside_try = "nor try blocks"
finally:
    inside_finally = "nor finally"
print(inside_try, inside_finally)

for a, (b, c) in [(1, (2, 3)), (4, (5, 6))]:
    pass
print(a, b, c)

data = {}
for data["key"] in range(3):
    pass
print(data)

class Obj:
    pass
o = Obj()
for o.attr in "xyz":
    pass
print(o.attr)

lst = [0, 0]
for lst[0] in range(5):
    lst[1] += 1
print(lst)

def gen_leak():
    g = (x for x in range(3))
    list(g)
    try:
        return x
    except NameError as e:
        return "NameError: " + str(e)
print(gen_leak())

def nested_loops():
    for outer in range(2):
        for inner in range(3):
            pass
    return outer, inner
print(nested_loops())

match [1, 2]:
    case [first, second]:
        pass
print("match captures leak:", first, second)
