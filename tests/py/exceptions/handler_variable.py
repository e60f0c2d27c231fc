# The exception variable is deleted at the end of the except block.
e = "outer value"
try:
    raise ValueError("temp")
except ValueError as e:
    print("inside:", e)
try:
    print(e)
except NameError as err:
    print("NameError:", err)

def func():
    exc = None
    try:
        1 / 0
    except ZeroDivisionError as exc:
        pass
    try:
        return exc
    except UnboundLocalError as err:
        return "UnboundLocalError: " + str(err)
print(func())

def keep_reference():
    saved = None
    try:
        raise KeyError("kept")
    except KeyError as err:
        saved = err
    return saved
print(repr(keep_reference()))

def rebinding_inside():
    try:
        raise IndexError("x")
    except IndexError as err:
        err = "rebound to string"
        print("  inside:", err)
    return "err" in locals()
print(rebinding_inside())

def no_as():
    value = "untouched"
    try:
        raise ValueError
    except ValueError:
        pass
    return value
print(no_as())

def del_in_handler():
    try:
        raise ValueError("v")
    except ValueError as err:
        del err
    return "deleted inside handler is fine"
print(del_in_handler())

def unused_handler():
    x = "stays"
    try:
        pass
    except Exception as x:
        pass
    return x
print(unused_handler())

def loop_var():
    results = []
    for i in range(2):
        try:
            raise ValueError(i)
        except ValueError as problem:
            results.append(problem.args[0])
    return results, "problem" in dir()
print(loop_var())

class C:
    try:
        raise KeyError("class body")
    except KeyError as caught:
        seen = str(caught)
print(C.seen, hasattr(C, "caught"))

def global_var():
    global gexc
    try:
        raise TypeError("g")
    except TypeError as gexc:
        pass
global_var()
try:
    gexc
except NameError as err:
    print("NameError:", err)

try:
    raise ValueError("attr target")
except ValueError as exc_holder:
    stored = exc_holder
print(type(stored).__name__, "exc_holder" in globals())
