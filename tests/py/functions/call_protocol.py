# Callable objects and the call protocol.
class Adder:
    def __init__(self, n):
        self.n = n
    def __call__(self, x, *more):
        return self.n + x + sum(more)

add3 = Adder(3)
print(add3(1), add3(1, 2, 3), callable(add3))

class NotCallable:
    pass
print(callable(NotCallable), callable(NotCallable()))
try:
    NotCallable()()
except TypeError as e:
    print("TypeError:", e)

class Later:
    pass
obj = Later()
obj.__call__ = lambda: "instance attr"
try:
    obj()
except TypeError as e:
    print("TypeError:", e)
Later.__call__ = lambda self: "class attr"
print(obj())

class Meta(type):
    def __call__(cls, *a):
        return ("intercepted", cls.__name__, a)
class Weird(metaclass=Meta):
    pass
print(Weird(1, 2))

def f(a, b):
    return a - b
print(f.__call__(5, 2))
print(type(f).__call__(f, 9, 1))

bm = add3.__call__
print(bm(10))
print(type(len).__name__, callable(len))
print(type(add3.__call__).__name__)
print(type([].append).__name__)

class Chain:
    def __init__(self):
        self.parts = []
    def __call__(self, part):
        self.parts.append(part)
        return self
c = Chain()
c("a")("b")("c")
print(c.parts)

class StaticCall:
    @staticmethod
    def __call__(x):
        return x * 2
print(StaticCall()(21))

for thing in [1, "s", [1], None, print, Adder, Adder(0), lambda: 0, int]:
    print(type(thing).__name__, callable(thing))
