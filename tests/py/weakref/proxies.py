# weakref.proxy: forwarding attributes, calls, operators; ReferenceError when dead.
import gc
import weakref


class Box:
    def __init__(self, v):
        self.v = v

    def double(self):
        return self.v * 2

    def __len__(self):
        return self.v

    def __getitem__(self, i):
        return i + self.v

    def __add__(self, other):
        return self.v + other

    def __call__(self, x):
        return x * self.v


def use():
    b = Box(3)
    p = weakref.proxy(b)
    print(p.v, p.double(), len(p), p[4], p + 1, p(5))
    p.w = 9
    print(b.w, hasattr(p, "w"))
    del p.w
    print(hasattr(b, "w"))
    print(type(p).__name__, bool(p), str(p).startswith("<__main__.Box"))
    try:
        hash(p)
    except TypeError as e:
        print("TypeError:", e)
    plain = weakref.proxy(Plain())
    print(type(plain).__name__)
    return p


class Plain:
    pass


p = use()
gc.collect()
try:
    p.v
except ReferenceError as e:
    print("ReferenceError:", e)
print(weakref.ProxyType.__name__, weakref.CallableProxyType.__name__, weakref.ProxyTypes == (weakref.ProxyType, weakref.CallableProxyType))
