# functools.total_ordering fills in missing comparison methods
import functools
@functools.total_ordering
class Version:
    def __init__(self, s):
        self.parts = tuple(int(p) for p in s.split("."))
    def __eq__(self, other):
        return self.parts == other.parts
    def __lt__(self, other):
        return self.parts < other.parts
    def __repr__(self):
        return "v" + ".".join(map(str, self.parts))
a, b, c = Version("1.2"), Version("1.10"), Version("1.2.0")
print(a < b, a <= b, a > b, a >= b, a == b, a != b)
print(a < c, a == c, c > a, b >= c)
print(sorted([Version("2.0"), Version("1.9.9"), Version("1.10"), Version("1.2")]))
print(max(Version("0.1"), Version("0.0.9")), min([Version("3"), Version("2.99")]))
print(sorted(["1.10", "1.2", "1.9"]), sorted(["1.10", "1.2", "1.9"], key=Version))
