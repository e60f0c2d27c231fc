# list(x) and list.extend(x) ask an object of a class for its length hint
# before reading any item, and check what __length_hint__ returns.
class Endless:
    """Items forever through __getitem__: only the hint's error stops list()."""
    def __init__(self, hint):
        self.hint = hint
    def __length_hint__(self):
        return self.hint
    def __getitem__(self, i):
        return i


class Finite:
    def __init__(self, hint, n=3):
        self.hint, self.n = hint, n
    def __length_hint__(self):
        if isinstance(self.hint, type) and issubclass(self.hint, BaseException):
            raise self.hint("from the hint")
        return self.hint
    def __iter__(self):
        return iter(range(self.n))


class WithLen(Finite):
    def __len__(self):
        raise TypeError("no len")


for hint in [1.5, "3", -1, None]:
    for make in (lambda s: list(s), lambda s: [0].extend(s)):
        try:
            make(Endless(hint))
            print("no error")
        except (TypeError, ValueError) as e:
            print(type(e).__name__, e)

# Good hints, NotImplemented and a TypeError from the hint are ignored.
for hint in [0, 2, 10**6, NotImplemented, TypeError]:
    print(list(Finite(hint)))
# Any other exception from the hint propagates.
try:
    list(Finite(KeyError))
except KeyError as e:
    print("KeyError", e)
# A __len__ that raises TypeError falls through to the hint.
try:
    list(WithLen(-5))
except ValueError as e:
    print("ValueError", e)
l = [9]
l.extend(Finite(4))
print(l)
