# bless-with: python3.12
# PEP 695: subscripting generic classes, subclassing them, errors.
class Stack[T]:
    items: list

    def __init__(self):
        self.items = []

    def push(self, x: T) -> None:
        self.items.append(x)

    def pop(self) -> T:
        return self.items.pop()

s = Stack[int]()
s.push(1)
s.push(2)
print(s.pop(), s.items, s.__orig_class__, type(s).__name__)

class IntStack(Stack[int]):
    pass
print(IntStack.__mro__)
print(IntStack.__orig_bases__, IntStack.__parameters__)
print("__type_params__" in IntStack.__dict__, "__type_params__" in Stack.__dict__)

class Mapping2[K, V]:
    pass
print(Mapping2[str, int])
for args in [(int,), (int, str, bytes)]:
    try:
        Mapping2[args]
    except TypeError as e:
        print("TypeError:", e)

type Plain = int
try:
    Plain[int]
except TypeError as e:
    print("TypeError:", e)

try:
    class Bad2(Plain):
        pass
except TypeError as e:
    print("TypeError:", e)

for src in ["def g[T, T](): pass", "class C[A, B, A]: pass", "type X[T, T] = int"]:
    try:
        compile(src, "<src>", "exec")
    except SyntaxError as e:
        print("SyntaxError:", e.msg)

# Type parameters are visible in the body through closures, not as globals.
def outer[U](x: U):
    def inner():
        return U
    return inner()
print(outer(1), "U" in globals())

# Defaults and decorators are evaluated outside the type-parameter scope.
order = []
def note(v):
    order.append(v)
    return v
def deco(fn):
    order.append("deco applied")
    return fn
@deco
def h[T](a=note("default a"), *, b=note("default b")) -> T:
    return a, b
print(order, h(), h.__defaults__, h.__kwdefaults__)

# Name mangling inside generic classes.
class Private[T]:
    __secret = 42
    def get(self):
        return self.__secret
print(Private().get(), Private.__dict__["_Private__secret"])
