# __bool__ and __len__ in truth testing.
class B:
    def __init__(self, v):
        self.v = v
    def __bool__(self):
        print("  __bool__", self.v)
        return self.v

class L:
    def __init__(self, n):
        self.n = n
    def __len__(self):
        print("  __len__", self.n)
        return self.n

print(bool(B(True)), bool(B(False)))
print(bool(L(0)), bool(L(3)))
if L(2):
    print("L(2) truthy")
print(not B(False))
print(B(True) and "and-right")
print(L(0) or "or-right")
print([x.n for x in [L(0), L(1), L(5)] if x])

class Both:
    def __bool__(self):
        print("  Both.__bool__")
        return False
    def __len__(self):
        print("  Both.__len__")
        return 10
print(bool(Both()))

class Neither:
    pass
print(bool(Neither()))

class BadBool:
    def __bool__(self):
        return 1
try:
    bool(BadBool())
except TypeError as e:
    print("TypeError:", e)
try:
    if BadBool():
        pass
except TypeError as e:
    print("TypeError:", e)

class NegLen:
    def __len__(self):
        return -5
try:
    bool(NegLen())
except ValueError as e:
    print("ValueError:", e)

class BoolNone:
    __bool__ = None
try:
    bool(BoolNone())
except TypeError as e:
    print("TypeError:", e)

while L(0):
    print("never")
n = 0
x = B(True)
while x:
    n += 1
    if n == 2:
        x = B(False)
print("loops:", n)
print("picked B(False)" if B(True) else "else")
print(any([L(0), L(0)]), all([L(1), B(True)]))
print(type(bool(L(7))).__name__)
print(len(L(4)))
