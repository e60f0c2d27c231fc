# The implicit __classcell__ of a class body that uses __class__/super() is
# consumed by type(): it is not left in the class dict; a non-cell value
# under that name is a TypeError.


class A:
    def f(self):
        return __class__

    def g(self):
        return super().__repr__()[:9]


print("__classcell__" in A.__dict__, A().f() is A, A().g())
print(sorted(k for k in A.__dict__ if not k.startswith("__") or k == "__module__"))


class B(A):
    def f(self):
        return __class__, super().f()


print(B().f() == (B, A), "__classcell__" in vars(B))

ns = {"x": 1}
C = type("C", (), ns)
print(C.x, "__classcell__" in C.__dict__)

for bad in (5, None, "cell"):
    try:
        type("D", (), {"__classcell__": bad})
    except TypeError as e:
        print("TypeError:", e)


class E:
    __classcell__ = 5
