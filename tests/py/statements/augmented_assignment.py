# augmented assignment on names, attributes and subscripts (evaluation once)
n = 10
n += 5; n -= 3; n *= 2; n //= 5; n **= 3; n %= 50; n <<= 2; n >>= 1; n |= 1; n &= 0b11110; n ^= 0b101
print(n)
f = 7.0
f /= 2; f -= 0.5
print(f)
m = [[1, 2], [3, 4]]
s = "ab"
s += "cd"; s *= 2
print(s)
t = (1,)
t += (2,)
print(t)
class C:
    def __init__(self):
        self.v = 1
        self.items = []
c = C()
c.v += 10
c.items += [1, 2]
print(c.v, c.items)
d = {"k": 0}
d["k"] += 5
d["k"] *= 3
print(d)
calls = []
def key():
    calls.append("key")
    return "k"
def target():
    calls.append("target")
    return d
target()[key()] += 1
print(d, calls)
class Obj:
    def __init__(self):
        self._x = 0
    @property
    def x(self):
        print("  get x")
        return self._x
    @x.setter
    def x(self, v):
        print("  set x", v)
        self._x = v
o = Obj()
o.x += 5
print(o._x)
class Sub:
    def __getitem__(self, k):
        print("  getitem", k)
        return 100
    def __setitem__(self, k, v):
        print("  setitem", k, v)
sub = Sub()
sub[1:2] -= 1
sub["key"] //= 7
lst = [1]
alias = lst
lst += [2]
print(lst is alias, alias)
tup = (1,)
alias_t = tup
tup += (2,)
print(tup is alias_t, alias_t)
tl = ([1],)
try:
    tl[0] += [2]
except TypeError as e:
    print(type(e).__name__, e)
print(tl)
m[0][1] += 100
print(m)
try:
    undefined_counter += 1
except NameError as e:
    print(type(e).__name__, e)
