# the @ operator via __matmul__ / __rmatmul__ / __imatmul__
class Matrix:
    def __init__(self, rows):
        self.rows = rows
    def __matmul__(self, other):
        if isinstance(other, Matrix):
            cols = list(zip(*other.rows))
            return Matrix([[sum(a * b for a, b in zip(r, c)) for c in cols] for r in self.rows])
        if isinstance(other, list):
            return [sum(a * b for a, b in zip(r, other)) for r in self.rows]
        return NotImplemented
    def __rmatmul__(self, other):
        if isinstance(other, list):
            cols = list(zip(*self.rows))
            return [sum(a * b for a, b in zip(other, c)) for c in cols]
        return NotImplemented
    def __imatmul__(self, other):
        self.rows = (self @ other).rows
        return self
    def __repr__(self):
        return f"Matrix({self.rows})"
m = Matrix([[1, 2], [3, 4]])
i = Matrix([[1, 0], [0, 1]])
print(m @ i, m @ m, m @ [1, 1], [1, 1] @ m)
alias = m
m @= m
print(m, alias is m)
for f in [lambda: m @ 5, lambda: 5 @ m, lambda: 1 @ 2, lambda: [1] @ [2]]:
    try:
        f()
    except TypeError as e:
        print(type(e).__name__, e)
