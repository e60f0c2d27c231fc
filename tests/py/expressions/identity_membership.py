# is / is not / in / not in expressions
a = [1, 2, 3]
b = a
c = list(a)
print(a is b, a is c, a is not c, a == c, not a is c)
print(None is None, None is not a, type(None) is type(None))
print(2 in a, 5 in a, 5 not in a, not 5 in a, [1, 2] in [[1, 2], 3], (1, 2) in [[1, 2]])
print("ab" in "cabd", "" in "x", "x" in "", "ba" not in "abc")
print(1 in {1: "a"}, "a" in {1: "a"}, "a" in {1: "a"}.values(), (1, "a") in {1: "a"}.items())
print(3 in range(5), 5 in range(5), 2 in range(0, 10, 2), 3 in range(0, 10, 2), -1 in range(-5, 0))
print(1 in {1, 2}, 1.0 in {1}, True in {1}, 0 in {False})
print(b"a" in b"abc", 97 in b"abc", b"" in b"", 98 in bytearray(b"abc"))
class Container:
    def __contains__(self, item):
        print("  contains", item)
        return item == "magic"
print("magic" in Container(), "other" in Container(), "x" not in Container())
class Iterable:
    def __iter__(self):
        print("  iterating")
        return iter([1, 2, 3])
print(2 in Iterable(), 9 in Iterable())
class Weird:
    def __contains__(self, item):
        return 42
print(1 in Weird(), 1 not in Weird())
for bad in [1, None]:
    try:
        print(1 in bad)
    except TypeError as e:
        print(type(e).__name__, e)
