# comparing with None: `is None` vs `== None` with custom __eq__
class AlwaysEqual:
    def __eq__(self, other):
        return True
class NeverEqual:
    def __eq__(self, other):
        return False
a, n = AlwaysEqual(), NeverEqual()
print(a == None, a is None, n == None, n != None, n is not None)
print(None == a, None is a, [None] == [a], None in [a], a in [None])
vals = [0, "", None, False, [], a]
print([v is None for v in vals], [v == None for v in vals])
print(sum(1 for v in vals if v is not None), len([v for v in vals if v == None]))
