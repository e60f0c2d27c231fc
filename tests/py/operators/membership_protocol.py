# `in` uses __contains__, then __iter__, then __getitem__
class WithContains:
    def __contains__(self, x):
        print("  __contains__", x)
        return x % 2 == 0
    def __iter__(self):
        print("  __iter__ (should not be used)")
        return iter([])
class WithIter:
    def __iter__(self):
        print("  __iter__")
        yield from [1, 2, 3]
class WithGetitem:
    def __getitem__(self, i):
        print("  __getitem__", i)
        if i >= 3:
            raise IndexError
        return i * 10
print(4 in WithContains(), 3 in WithContains(), 3 not in WithContains())
print(2 in WithIter(), 5 in WithIter())
print(10 in WithGetitem(), 99 in WithGetitem())
class ContainsNone:
    __contains__ = None
    def __iter__(self):
        return iter([1])
try:
    1 in ContainsNone()
except TypeError as e:
    print(type(e).__name__, e)
class Empty:
    pass
try:
    1 in Empty()
except TypeError as e:
    print(type(e).__name__, e)
class ContainsReturnsList:
    def __contains__(self, x):
        return [x]
print(0 in ContainsReturnsList(), 0 not in ContainsReturnsList())
class Raises:
    def __contains__(self, x):
        raise KeyError("from contains")
try:
    1 in Raises()
except KeyError as e:
    print(type(e).__name__, e)
