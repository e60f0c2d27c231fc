# Return values: implicit None, multiple values, early return.
def nothing():
    pass
def bare():
    return
def multi():
    return 1, "two", [3]
def early(n):
    if n < 0:
        return "negative"
    for i in range(n):
        if i * i > n:
            return i
    return "none found"

print(nothing(), bare())
print(multi())
a, b, c = multi()
print(a, b, c)
first, *rest = multi()
print(first, rest)
print(early(-1), early(10), early(0), early(2))

def in_loop():
    for i in range(10):
        while True:
            return i * 100
print(in_loop())

def in_try():
    try:
        return "try"
    finally:
        print("finally runs")
print(in_try())

def finally_overrides():
    try:
        return "try"
    finally:
        return "finally"
print(finally_overrides())

def return_func():
    def inner():
        return "inner result"
    return inner
print(return_func()())

def return_tuple_single():
    return 5,
print(return_tuple_single())

def return_conditional(x):
    return "big" if x > 10 else "small"
print(return_conditional(11), return_conditional(10))

def return_lambda_list():
    return [lambda: 1, lambda: 2]
print([f() for f in return_lambda_list()])

def return_in_with():
    class CM:
        def __enter__(self):
            print("enter")
        def __exit__(self, *a):
            print("exit", a)
    with CM():
        return "from with"
print(return_in_with())

def chained(x):
    return x and x[0] or "empty"
print(chained([]), chained(["first"]), chained([0]))

def gen_ret():
    return (x for x in range(3))
print(list(gen_ret()))

def returns_self_reference():
    return returns_self_reference
print(returns_self_reference() is returns_self_reference)

def return_star():
    xs = [1, 2]
    return *xs, 3
print(return_star())
