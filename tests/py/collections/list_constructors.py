# list() from many iterables, and list repr
print(list(), list([]), list("abc"), list((1, 2)), list(range(3)), list({"a": 1, "b": 2}), list({"a": 1}.items()))
print(list(x * 2 for x in range(4)), list(map(str, [1, 2])), list(zip("ab", [1, 2])), list(enumerate("xy")), list(reversed([1, 2, 3])))
print(list(b"hi"), list(bytearray(b"\x00")), list(frozenset([7])), list(iter([9, 8])))
class It:
    def __init__(self, n):
        self.n = n
    def __iter__(self):
        return iter(range(self.n))
class Seq:
    def __getitem__(self, i):
        if i >= 3:
            raise IndexError
        return i * 11
print(list(It(4)), list(Seq()), [*Seq(), *It(2)])
for bad in [5, None, 1.5, object]:
    try:
        list(bad)
    except TypeError as e:
        print(type(e).__name__, e)
try:
    list(1, 2)
except TypeError as e:
    print(type(e).__name__, e)
class BadIter:
    def __iter__(self):
        return 5
try:
    list(BadIter())
except TypeError as e:
    print(type(e).__name__, e)
x = [1, 2]
y = list(x)
print(y == x, y is x, [x] * 2, [[1, 2], [3]] == [list(x), [3]])
print([] == [], [] is not [], len([[]]), bool([[]]), bool([]))
