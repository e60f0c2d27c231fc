# comparison operators can return arbitrary objects; chains use truthiness
class Vec:
    def __init__(self, *xs):
        self.xs = xs
    def __eq__(self, other):
        return [a == b for a, b in zip(self.xs, other.xs)]
    def __lt__(self, other):
        return Vec(*[a < b for a, b in zip(self.xs, other.xs)])
    def __bool__(self):
        print("  bool of", self.xs)
        return all(self.xs)
    def __repr__(self):
        return f"Vec{self.xs}"
a, b = Vec(1, 5), Vec(1, 2)
print(a == b, a != b, a < b, b < a)
print(Vec(1, 2) < Vec(3, 4) < Vec(5, 6))
print(Vec(1, 9) < Vec(3, 4) < Vec(5, 6))
if Vec(0, 1) < Vec(1, 2):
    print("all less")
class Never:
    def __eq__(self, other):
        return "not a bool"
print(Never() == 1, 1 == Never(), Never() != 1)
print([Never()] == [Never()])
class Strange:
    def __lt__(self, other):
        return 0
    def __gt__(self, other):
        return 1
print(Strange() < 5, Strange() > 5, 5 < Strange(), 5 > Strange())
