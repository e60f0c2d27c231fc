# A first ProtoPy program: functions, a class, a comprehension and an f-string.
def fib(n):
    a, b = 0, 1
    for _ in range(n):
        a, b = b, a + b
    return a


class Greeter:
    def __init__(self, name):
        self.name = name

    def greet(self):
        return f"Hello, {self.name}!"


print(Greeter("ProtoPy").greet())
print([fib(i) for i in range(10)])
print(sum(x * x for x in range(100)))
