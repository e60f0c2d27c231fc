# Traceback through a decorator wrapper frame.
def logged(fn):
    def wrapper(*args):
        print("calling", fn.__name__, args)
        return fn(*args)
    return wrapper

@logged
def invert(x):
    return 1 / x

print(invert(4))
print(invert(0))
