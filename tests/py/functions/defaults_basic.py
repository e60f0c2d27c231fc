# Default argument values: evaluation time, overriding, mixing.
def greet(name, greeting="Hello", punct="!"):
    return greeting + ", " + name + punct

print(greet("Ann"))
print(greet("Bob", "Hi"))
print(greet("Cy", "Yo", "?"))
print(greet("Di", punct="."))
print(greet(punct="...", name="Ed"))
print(greet("Fay", greeting="Hey", punct=""))

counter = 10
def snap(x=counter):
    return x

counter = 20
print(snap())
print(snap(5))

def make(n):
    def inner(k=n * 2):
        return k
    return inner

f1 = make(3)
f2 = make(7)
print(f1(), f2(), f1(0))

def none_default(x=None):
    if x is None:
        return "missing"
    return "got " + repr(x)

print(none_default())
print(none_default(0))
print(none_default(""))
print(none_default(None))

def expr_default(a, b=len("abcd"), c=[1, 2][1]):
    return a + b + c
print(expr_default(1))
print(expr_default(1, 1))
print(expr_default(1, 1, 1))

def all_defaults(a=1, b=2, c=3):
    return (a, b, c)

print(all_defaults())
print(all_defaults(9))
print(all_defaults(c=9))
print(all_defaults(b=8, a=7))
print(all_defaults.__defaults__)
print(greet.__defaults__)
print(snap.__defaults__)
print(none_default.__defaults__)

def no_defaults(a, b):
    return a
print(no_defaults.__defaults__)

all_defaults.__defaults__ = (10, 20, 30)
print(all_defaults())
all_defaults.__defaults__ = (99,)
print(all_defaults(1, 2))
try:
    all_defaults(1)
except TypeError as e:
    print("TypeError:", e)
