def fib(n):
    if n <= 1:
        return n
    return fib(n - 1) + fib(n - 2)

def gen(n):
    for i in range(n):
        yield i
    return n

def delegate():
    r = yield from gen(2)
    yield r

def raiser(x):
    try:
        if x:
            raise ValueError(x)
    except ValueError:
        return 2
    return 1

def ctx_one():
    return fib(3)

def run():
    fib(3)
    list(delegate())
    raiser(0); raiser(1)
    ctx_one()
