# Builtin classes in class patterns match the whole subject for one positional.
def kind(v):
    match v:
        case bool(b):
            return f"bool {b}"
        case int(n) if n < 0:
            return f"negative int {n}"
        case int(0):
            return "int zero"
        case int():
            return f"int {v}"
        case float(f):
            return f"float {f}"
        case str("") :
            return "empty str"
        case str(s):
            return f"str of length {len(s)}"
        case bytes(b):
            return f"bytes {b!r}"
        case list([x, *_]):
            return f"non-empty list starting {x}"
        case list():
            return "empty list"
        case tuple((a, b)):
            return f"pair {a},{b}"
        case dict({"k": val}):
            return f"dict with k={val}"
        case dict():
            return "other dict"
        case set() | frozenset():
            return f"set of {len(v)}"
        case bytearray():
            return "bytearray"
        case complex():
            return "complex"
        case _:
            return "unknown " + type(v).__name__

for v in [True, False, -3, 0, 42, 1.5, "", "abc", b"x", [7, 8], [], (1, 2), (1, 2, 3),
          {"k": 1}, {"j": 2}, {1, 2}, frozenset(), bytearray(2), 1j, None, range(2)]:
    print(repr(v), "->", kind(v))

class MyInt(int):
    pass
print(kind(MyInt(5)))

try:
    match 5:
        case int(a, b):
            pass
except TypeError as e:
    print("TypeError:", e)

def with_kw(v):
    match v:
        case int(real=r, imag=i):
            return ("int attrs", r, i)
        case str(upper=u):
            return ("str method bound", callable(u))
print(with_kw(7), with_kw("x"))

def float_int(v):
    match v:
        case float():
            return "float"
        case int():
            return "int"
print(float_int(1), float_int(1.0))

def object_pattern(v):
    match v:
        case object():
            return "everything is an object"
print(object_pattern(None), object_pattern(int))

def type_pattern(v):
    match v:
        case type():
            return "a class: " + v.__name__
        case _:
            return "not a class"
print(type_pattern(int), type_pattern(3))
