# RecursionError caught in several shapes; the interpreter keeps working.
def down(n):
    return down(n + 1)

try:
    down(0)
except RecursionError as e:
    print(type(e).__name__)

class Node:
    def __init__(self):
        self.me = self
    def __repr__(self):
        return f"Node({self.me!r})"
try:
    repr(Node())
except RecursionError as e:
    print(type(e).__name__, "from __repr__")

def build(n):
    return [build(n + 1)]
try:
    build(0)
except RecursionError as e:
    print(type(e).__name__, "from list building")

nested = []
cur = nested
for _ in range(100):
    cur.append([])
    cur = cur[0]
print(len(str(nested)))

class Deep:
    def __getattribute__(self, name):
        return getattr(self, name)
try:
    Deep().x
except RecursionError as e:
    print(type(e).__name__, "from __getattribute__")

def ok(n):
    return 0 if n == 0 else 1 + ok(n - 1)
print(ok(200))
