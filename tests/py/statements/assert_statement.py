# assert with and without messages
assert True
assert 1 == 1, "never shown"
assert [1], "non-empty list is truthy"
print("passing asserts are silent")
def c1():
    assert False
def c2():
    assert 1 > 2, 'one is not greater than two'
def c3():
    assert [], ['list', 'message']
def c4():
    assert 0, 42
def c5():
    assert None, None
def c6():
    x = 5
    assert x < 3, f'x was {x}'
cases = [(c1, "plain"), (c2, "message"), (c3, "non-str message"), (c4, "int message"), (c5, "None message"), (c6, "fstring message")]
for f, label in cases:
    try:
        f()
        print(label, "passed")
    except AssertionError as e:
        print(label, "->", type(e).__name__, repr(e.args), str(e))
calls = []
def msg():
    calls.append("msg")
    return "computed"
assert True, msg()
print(calls)
try:
    assert False, msg()
except AssertionError as e:
    print(e, calls)
def check(v):
    assert isinstance(v, int), "need int, got " + type(v).__name__
    return v * 2
print(check(4))
try:
    check("s")
except AssertionError as e:
    print(type(e).__name__, e)
pair = (False, "tuple is truthy")
assert pair
print("non-empty tuple assert passed")
