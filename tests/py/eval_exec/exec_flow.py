# Control flow and exceptions inside exec'd code.
ns = {}
exec("""
log = []
for i in range(6):
    if i == 1:
        continue
    if i == 4:
        break
    log.append(i)
else:
    log.append("no break")

def classify(n):
    if n < 0:
        return "neg"
    elif n == 0:
        return "zero"
    return "pos"

labels = [classify(v) for v in (-1, 0, 1)]

try:
    1 / 0
except ZeroDivisionError as exc:
    caught = type(exc).__name__
finally:
    cleanup = True

count = 0
while count < 3:
    count += 1

with_result = None
class CM:
    def __enter__(self):
        return "entered"
    def __exit__(self, *a):
        return False
with CM() as with_result:
    pass

match labels:
    case ["neg", *rest]:
        matched = rest
""", ns)
for key in ["log", "labels", "caught", "cleanup", "count", "with_result", "matched"]:
    print(key, "=", ns[key])
print("exc" in ns)

try:
    exec("for i in range(3):\n    if i == 2:\n        raise ValueError(f'stopped at {i}')", ns)
except ValueError as e:
    print("ValueError:", e, ns["i"])

try:
    exec("return 5")
except SyntaxError as e:
    print("SyntaxError:", e.msg)
try:
    exec("break")
except SyntaxError as e:
    print("SyntaxError:", e.msg)
try:
    exec("yield 1")
except SyntaxError as e:
    print("SyntaxError:", e.msg)
try:
    exec("await something")
except SyntaxError as e:
    print("SyntaxError:", e.msg)

def exec_inside_loop():
    out = []
    for n in range(3):
        scope = {"n": n}
        exec("result = n ** 2", scope)
        out.append(scope["result"])
    return out
print(exec_inside_loop())

try:
    exec("import sys\nsys.exit(3)")
except SystemExit as e:
    print("SystemExit from exec:", e.code)

nested = {}
exec("inner_ns = {}\nexec('deep = 42', inner_ns)\nvalue = inner_ns['deep']", nested)
print(nested["value"])
