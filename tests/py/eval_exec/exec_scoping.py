# Scoping rules for code run by exec: module-like vs class-like namespaces.
g = {}
l = {}
exec("""
x = 1
def read_x():
    return x
result = read_x.__name__
""", g, l)
print(sorted(l), "x" in g)
try:
    l["read_x"]()
except NameError as e:
    print("NameError:", e)

same = {}
exec("""
x = 1
def read_x():
    return x
""", same, same)
print(same["read_x"]())

ns = {}
exec("""
items = [1, 2, 3]
doubled = [i * 2 for i in items]
gen_total = sum(i for i in items)
""", ns)
print(ns["doubled"], ns["gen_total"], "i" in ns)

g2, l2 = {}, {}
exec("""
limit = 2
try:
    kept = [v for v in range(5) if v < limit]
except NameError as e:
    kept = 'NameError: ' + str(e)
""", g2, l2)
print(l2["kept"])

code = """
counter = 0
def bump():
    global counter
    counter += 1
bump(); bump()
"""
g3 = {}
exec(code, g3)
print(g3["counter"])

g4, l4 = {}, {}
exec(code, g4, l4)
print(g4.get("counter"), l4.get("counter"))

exec("import itertools as it_mod\nfrom functools import reduce", g)
print("it_mod" in g, "reduce" in g)

def nested_exec():
    outer = "enclosing"
    exec("print('inner exec sees locals copy:', outer)")
    exec("outer = 'modified'")
    return outer
print(nested_exec())

try:
    exec("nonlocal zz")
except SyntaxError as e:
    print("SyntaxError:", e.msg)
try:
    exec("def f():\n    global q\n    q = 1\n    nonlocal q")
except SyntaxError as e:
    print("SyntaxError:", e.msg)

exec("del removable", ns := {"removable": 1})
print("removable" in ns)
try:
    exec("del never_defined", {})
except NameError as e:
    print("NameError:", e)
