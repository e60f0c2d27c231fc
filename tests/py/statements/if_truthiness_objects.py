# if/while conditions call __bool__ / __len__ exactly once per test
class Flag:
    def __init__(self, values):
        self.values = list(values)
    def __bool__(self):
        v = self.values.pop(0)
        print("  __bool__ ->", v)
        return v
f = Flag([True, False, True])
if f:
    print("first test true")
if f:
    print("second test true")
else:
    print("second test false")
g = Flag([True, True, False])
n = 0
while g:
    n += 1
print("loop ran", n, "times")
class Sized:
    def __init__(self, n):
        self.n = n
    def __len__(self):
        print("  __len__ ->", self.n)
        return self.n
if Sized(0):
    print("never")
elif Sized(2):
    print("elif with len 2")
print("yes" if Sized(1) else "no")
x = Sized(0) or Sized(3)
print(type(x).__name__, x.n)
class Raises:
    def __bool__(self):
        raise RuntimeError("cannot decide")
try:
    if Raises():
        pass
except RuntimeError as e:
    print(type(e).__name__, e)
