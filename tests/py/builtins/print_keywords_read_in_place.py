# print()'s keywords in any order and mix, the first unknown one reported, and the
# separator and line end written as strs to any file object.
import io

s = io.StringIO()
print(1, "a", file=s, sep="-", end="|", flush=False)
print(file=s)
print("x", "y", end=None, file=s, sep=None)
print("only", flush=True, file=s)
print(repr(s.getvalue()))
for kw in [dict(file=s, bogus=1), dict(bogus=1, file=s), dict(sep="", zz=2, end="", yy=3)]:
    try:
        print("q", **kw)
    except TypeError as e:
        print(e)
print("file None goes to stdout", file=None)


class W:
    def __init__(self):
        self.parts = []

    def write(self, t):
        self.parts.append((t, type(t).__name__))
        return len(t)


w = W()
print("a", "b", file=w)
print("c", sep="", end="", file=w)
print(w.parts)
print(repr(s.getvalue()))
