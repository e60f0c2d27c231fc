# RecursionError is raised and can be caught; program continues.
def forever(n):
    return forever(n + 1)

try:
    forever(0)
except RecursionError as e:
    print(type(e).__name__)
    print(isinstance(e, RuntimeError))
    print(str(e).startswith("maximum recursion depth exceeded"))

def mutual_a(n):
    return mutual_b(n)
def mutual_b(n):
    return mutual_a(n)
try:
    mutual_a(1)
except RecursionError as e:
    print("mutual:", type(e).__name__)

class Loop:
    def __getattr__(self, name):
        return self.other
try:
    Loop().x
except RecursionError as e:
    print("getattr:", type(e).__name__)

def still_works(n):
    return n if n == 0 else still_works(n - 1)
print(still_works(100))

depth = 0
def measure():
    global depth
    depth += 1
    measure()
try:
    measure()
except RecursionError:
    print(depth > 100)

def catch_inside(n):
    try:
        return catch_inside(n + 1)
    except RecursionError:
        return n
print(catch_inside(0) > 100)
print(issubclass(RecursionError, RuntimeError))
print(RecursionError.__mro__)
