# Exact TypeError messages for bad calls.
def report(fn, *args, **kwargs):
    try:
        fn(*args, **kwargs)
        print("ok")
    except TypeError as e:
        print(e)

def zero():
    pass
def one(a):
    pass
def two(a, b):
    pass
def three(a, b, c):
    pass
def opt(a, b=1):
    pass
def kwo(*, k):
    pass
def kwo2(a, *, k, m):
    pass
def star(a, *args):
    pass

report(zero, 1)
report(zero, 1, 2)
report(zero, x=1)
report(one)
report(one, 1, 2)
report(one, b=2)
report(one, 1, a=1)
report(two)
report(two, 1)
report(two, b=1)
report(three)
report(three, 1)
report(three, c=3)
report(opt)
report(opt, 1, 2, 3)
report(opt, 1, 2, 3, 4)
report(kwo)
report(kwo, 1)
report(kwo, 1, k=1)
report(kwo2, 1)
report(kwo2)
report(kwo2, 1, 2, k=1, m=1)
report(star)
report(star, a=1, b=2)
report(one, 1, **{"a": 2})
report(two, 1, 2, c=3, d=4)

class K:
    def meth(self, x):
        pass
    @staticmethod
    def st(x):
        pass
    @classmethod
    def cm(cls, x):
        pass

k = K()
report(k.meth)
report(k.meth, 1, 2)
report(K.meth, 1)
report(K.st)
report(k.cm, 1, 2)
report(k.meth, y=1)

report(len)
report(len, 1, 2)
report(abs)
report(lambda: 0, 1)
report(lambda x, y: 0, 1)
report(5)
report("str")
report(None)
