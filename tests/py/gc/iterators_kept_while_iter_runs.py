# zip(), map() and range() call Python code (`__iter__`, `__index__`) for
# one argument while they hold what they made for the arguments before it:
# a collection there must not free those.
import gc


class Row:
    def __init__(self, *data):
        self._data = data

    def __iter__(self):
        return iter(self._data)


class Collecting:
    def __init__(self, items):
        self._list = list(items)

    def __iter__(self):
        junk = [[i] * 3 for i in range(200)]
        gc.collect()
        return iter(self._list)


class BigIndex:
    def __init__(self, n):
        self.n = n

    def __index__(self):
        gc.collect()
        return self.n


for round_ in range(3):
    print(list(zip(Row(1, 2, 3), Collecting("abc"))))
    print(list(zip(Row("x"), Row("y"), Collecting([10]), Collecting([20]))))
    print(list(map(lambda a, b, c: (a, b, c), Row(1, 2), Collecting([3, 4]), Collecting([5, 6]))))
    print(list(zip(iter([7, 8]), Collecting([9]), strict=False)))
    r = range(BigIndex(2**70), BigIndex(2**70 + 3))
    print(r, len(r), list(r)[-1] - 2**70)
    r = range(BigIndex(2**65), BigIndex(2**66), BigIndex(2**64))
    print(r, len(r))
