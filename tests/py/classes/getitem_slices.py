# __getitem__ with slices, tuples and ellipsis.
class Probe:
    def __getitem__(self, key):
        return key
p = Probe()
print(p[1])
print(p[1:2])
print(p[:])
print(p[::2])
print(p[1:10:3])
print(p[::-1])
print(p[1, 2])
print(p[1:2, 3])
print(p[...])
print(p[:, None])
print(p["k"])
print(p[()])
print(p[-1:])

s = p[2:8:2]
print(type(s).__name__, s.start, s.stop, s.step)
print(s.indices(5))
print(slice(None, None, -1).indices(4))
print(slice(3).stop, slice(1, 2).step)
print(slice(1, 2) == slice(1, 2), slice(1, 2) == slice(1, 3))

class Seq:
    def __init__(self, data):
        self.data = list(data)
    def __len__(self):
        return len(self.data)
    def __getitem__(self, i):
        if isinstance(i, slice):
            return Seq(self.data[i])
        return self.data[i]
    def __setitem__(self, i, v):
        self.data[i] = v
    def __delitem__(self, i):
        del self.data[i]
    def __repr__(self):
        return f"Seq({self.data})"

q = Seq("abcdefg")
print(q[1:4], q[::-2], q[-1], q[0])
q[1:3] = ["X", "Y", "Z"]
print(q)
del q[::2]
print(q)
q[0] = "first"
print(q)
try:
    q[100]
except IndexError as e:
    print("IndexError:", e)

class Grid:
    def __init__(self):
        self.cells = {}
    def __setitem__(self, pos, v):
        r, c = pos
        self.cells[r, c] = v
    def __getitem__(self, pos):
        return self.cells.get(pos, ".")
g = Grid()
g[0, 1] = "x"
g[2, 2] = "o"
for r in range(3):
    print("".join(g[r, c] for c in range(3)))

class Index:
    def __init__(self, n):
        self.n = n
    def __index__(self):
        return self.n
print([10, 20, 30][Index(1)])
print("abcdef"[Index(1):Index(4)])
print([0, 1, 2, 3][slice(Index(1), None)])
try:
    key = "0"
    [1, 2][key]
except TypeError as e:
    print("TypeError:", e)
try:
    key = 1.0
    [1, 2][key]
except TypeError as e:
    print("TypeError:", e)
