# assert statements and AssertionError.
def check(x):
    assert x > 0, f"x must be positive, got {x}"
    return x

print(check(5))
try:
    check(-1)
except AssertionError as e:
    print("AssertionError:", e, e.args)

try:
    assert False
except AssertionError as e:
    print("no message:", repr(e), e.args)

try:
    assert [], ["list", "message"]
except AssertionError as e:
    print("non-string message:", e.args)

calls = []
def msg():
    calls.append(1)
    return "evaluated"
assert True, msg()
print("message not evaluated when assertion passes:", calls)
try:
    assert 0, msg()
except AssertionError as e:
    print(e, calls)

try:
    assert 1 == 2, ("tuple", "msg")
except AssertionError as e:
    print(e.args)

x = 3
assert x == 3
assert isinstance(x, int) and x < 10, "bad"
print("passing asserts produce nothing")
print(issubclass(AssertionError, Exception))
assert x == 4, "final assertion fails uncaught"
