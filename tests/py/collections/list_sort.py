# list.sort and sorted: key, reverse, stability
data = [("bob", 25), ("alice", 30), ("carol", 25), ("dave", 30), ("eve", 22), ("frank", 25)]
print(sorted(data))
print(sorted(data, key=lambda p: p[1]))
print(sorted(data, key=lambda p: p[1], reverse=True))
print(sorted(data, key=lambda p: (-p[1], p[0])))
s = sorted(data, key=lambda p: p[0])
s.sort(key=lambda p: p[1])
print(s)
words = ["banana", "Apple", "cherry", "apple", "Banana"]
words.sort(key=str.lower)
print(words)
words.sort(key=len, reverse=True)
print(words)
nums = [5, -3, 2, -8, 0, 7, -1]
print(sorted(nums), sorted(nums, key=abs), sorted(nums, key=abs, reverse=True), sorted(nums, reverse=True))
print(sorted([3.5, 1, True, 2.0, False]), sorted("hello"), sorted((3, 1, 2)), sorted({3: "a", 1: "b"}), sorted(range(5), reverse=True))
print(sorted([[2, 1], [1, 2], [1, 1, 1], [1]]), sorted([(1, "b"), (1, "a"), (0, "z")]))
stable = [(k % 3, k) for k in range(12)]
stable.sort(key=lambda t: t[0])
print(stable)
rev = [(k % 2, k) for k in range(6)]
print(sorted(rev, key=lambda t: t[0], reverse=True))
try:
    sorted([1, "a", 2])
except TypeError as e:
    print(type(e).__name__, e)
try:
    [1, 2].sort(lambda x: x)
except TypeError as e:
    print(type(e).__name__, e)
try:
    sorted([1, 2], key=lambda x: 1 / 0)
except ZeroDivisionError as e:
    print(type(e).__name__, e)
class K:
    def __init__(self, v):
        self.v = v
    def __lt__(self, other):
        return self.v < other.v
    def __repr__(self):
        return f"K({self.v})"
print(sorted([K(3), K(1), K(2)]), max([K(3), K(1)], key=lambda k: k.v), sorted([K(2), K(1)], reverse=True))
lst = [3, 2, 1]
r = lst.sort()
print(r, lst, sorted([]), sorted([], reverse=True))
