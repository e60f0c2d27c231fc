# sorted() and list.sort() take `reverse` as an integer that fits a C int
# (or an object with __index__), not as any object's truth value.


class Index:
    def __init__(self, v):
        self.v = v

    def __index__(self):
        return self.v


class Truthy:
    def __bool__(self):
        return True


for rev in [0, 1, -3, True, False, Index(1), Index(0), "yes", 1.0, None, [], Truthy(), 2**31, -(2**31), 2**40]:
    for name, fn in [
        ("sorted", lambda r: sorted([2, 3, 1], reverse=r)),
        ("list.sort", lambda r: (lambda l: (l.sort(reverse=r), l)[1])([2, 3, 1])),
    ]:
        try:
            out = fn(rev)
        except Exception as e:
            out = f"{type(e).__name__}: {e}"
        print(name, type(rev).__name__, out)

# The iterable is consumed before `reverse` is checked.
seen = []


def gen():
    for i in (3, 1, 2):
        seen.append(i)
        yield i


try:
    sorted(gen(), reverse="no")
except TypeError as e:
    print("TypeError after reading", seen)
