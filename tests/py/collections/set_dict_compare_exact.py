# Comparisons of exact sets, frozensets and dicts (answered without finding
# their methods), beside subclasses that define their own.
a, b = {1, 2}, frozenset([1, 2, 3])
print(a < b, a <= b, a == b, a != b, a > b, a >= b, b > a, b >= a, a == frozenset(a), frozenset() < a)
print({1: 2} == {1: 2}, {1: 2} != {1: 3}, {1: [1]} == {1: [1]}, {} == {})
try:
    {1: 2} < {1: 3}
except TypeError as e:
    print(e)
class E:
    def __eq__(self, o): print("eq called"); return True
    def __hash__(self): return 1
print({1: E()} == {1: 5}, {E()} == {E()})
class S(set):
    def __le__(self, o): return "S.__le__"
    def __ge__(self, o): return "S.__ge__"
print(S() <= {1}, {1} <= S(), {1} >= S())
# Unhashable and mixed contents, and a comparison that raises inside.
class Boom:
    def __eq__(self, o):
        raise ValueError("boom")
    __hash__ = object.__hash__
x = Boom()
try:
    {1: x} == {1: Boom()}
except ValueError as e:
    print("ValueError:", e)
print({1, "a", (2, 3)} <= {1, "a", (2, 3), None}, frozenset({1.0}) == {1}, {0} == {False})
