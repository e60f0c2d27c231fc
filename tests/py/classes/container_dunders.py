# __len__, __getitem__, __setitem__, __delitem__, __contains__, __iter__, __reversed__.
class Store:
    def __init__(self):
        self.keys_ = []
        self.vals = []
    def __len__(self):
        return len(self.keys_)
    def __getitem__(self, k):
        if k not in self.keys_:
            raise KeyError(k)
        return self.vals[self.keys_.index(k)]
    def __setitem__(self, k, v):
        if k in self.keys_:
            self.vals[self.keys_.index(k)] = v
        else:
            self.keys_.append(k)
            self.vals.append(v)
    def __delitem__(self, k):
        i = self.keys_.index(k)
        del self.keys_[i]
        del self.vals[i]
    def __contains__(self, k):
        print("  __contains__", k)
        return k in self.keys_
    def __iter__(self):
        return iter(self.keys_)
    def __reversed__(self):
        return iter(self.keys_[::-1])

s = Store()
s["a"] = 1
s["b"] = 2
s["a"] = 10
s[3] = "three"
print(len(s), s["a"], s[3])
print(list(s), list(reversed(s)))
print("a" in s, "zz" in s, "b" not in s)
del s["b"]
print(list(s), len(s))
try:
    s["missing"]
except KeyError as e:
    print("KeyError:", e)
try:
    del s["nope"]
except ValueError as e:
    print("ValueError:", e)
print(bool(s))
del s["a"]; del s[3]
print(bool(s), len(s))

class IterOnly:
    def __iter__(self):
        yield from [1, 2, 3]
print(2 in IterOnly(), 5 in IterOnly())
print(list(reversed([1, 2])), sorted(IterOnly(), reverse=True))
try:
    reversed(IterOnly())
except TypeError as e:
    print("TypeError:", e)

class SeqRev:
    def __len__(self):
        return 3
    def __getitem__(self, i):
        if i >= 3:
            raise IndexError
        return i * 11
print(list(reversed(SeqRev())))

class BadLen:
    def __len__(self):
        return -1
try:
    len(BadLen())
except ValueError as e:
    print("ValueError:", e)
class StrLen:
    def __len__(self):
        return "3"
try:
    len(StrLen())
except TypeError as e:
    print("TypeError:", e)
class BigLen:
    def __len__(self):
        return 2 ** 70
try:
    len(BigLen())
except OverflowError as e:
    print("OverflowError:", e)
try:
    len(IterOnly())
except TypeError as e:
    print("TypeError:", e)

class ROnly:
    def __getitem__(self, k):
        return k
r = ROnly()
try:
    r[0] = 1
except TypeError as e:
    print("TypeError:", e)
try:
    del r[0]
except TypeError as e:
    print("TypeError:", e)
class Nothing:
    pass
try:
    Nothing()[0]
except TypeError as e:
    print("TypeError:", e)
try:
    1 in Nothing()
except TypeError as e:
    print("TypeError:", e)

class ContainsTruthy:
    def __contains__(self, x):
        return "yes"
print(1 in ContainsTruthy(), 1 not in ContainsTruthy())
