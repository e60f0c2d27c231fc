# Free variable referenced before assignment in enclosing scope, uncaught at the end.
def make():
    def show():
        return value
    try:
        show()
    except NameError as e:
        print(type(e).__name__, e)
    value = 10
    print(show())
    del value
    return show

fn = make()
try:
    fn()
except NameError as e:
    print(type(e).__name__, e)

def local_unbound():
    try:
        print(x)
    except UnboundLocalError as e:
        print(type(e).__name__, e)
    x = 1
    return x
local_unbound()

def outer():
    captured_value = "captured"
    def inner():
        return captured_value
    del captured_value
    return inner()

outer()
