# sorted and reversed builtins
print(sorted([3, 1, 2]), sorted("bca"), sorted((2, 1)), sorted({3, 1, 2}), sorted({"b": 1, "a": 2}), sorted(x % 5 for x in range(10)))
print(sorted([3, 1, 2], reverse=True), sorted(["aa", "b", "ccc"], key=len), sorted(["aa", "b", "ccc"], key=len, reverse=True))
print(sorted([1, -2, 3, -4], key=abs), sorted([(1, "b"), (0, "c"), (1, "a")], key=lambda t: t[0]))
print(sorted([], key=len), sorted([5], key=None), sorted(range(5), key=lambda x: -x))
try:
    sorted([1, 2], lambda x: x)
except TypeError as e:
    print(type(e).__name__, e)
try:
    sorted()
except TypeError as e:
    print(type(e).__name__, e)
try:
    sorted([None, 1])
except TypeError as e:
    print(type(e).__name__, e)
print(list(reversed([1, 2, 3])), list(reversed("abc")), list(reversed((1,))), list(reversed(range(3))), list(reversed({"a": 1, "b": 2})))
class Seq:
    def __len__(self):
        return 3
    def __getitem__(self, i):
        return "item%d" % i
print(list(reversed(Seq())))
class Rev:
    def __reversed__(self):
        return iter(["custom", "reverse"])
print(list(reversed(Rev())))
for bad in [{1, 2}, 5, (x for x in [])]:
    try:
        reversed(bad)
    except TypeError as e:
        print(type(e).__name__, e)
r = reversed([1, 2, 3])
print(next(r), list(r), list(r))
lst = [1, 2, 3]
r2 = reversed(lst)
lst.append(4)
print(list(r2))
