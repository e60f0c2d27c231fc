# weakref.ref's argument checks: __new__ takes one or two positional arguments
# and leaves keywords to __init__, which rejects them unless a subclass's
# __init__ takes them.
import weakref
class A: pass
a = A()
for call in [lambda: weakref.ref(a, x=1), lambda: weakref.ref(), lambda: weakref.ref(a, None, 3),
             lambda: weakref.ref(a).__init__(0, 0, 0, 0, 0), lambda: weakref.ref(a).__init__(),
             lambda: weakref.ref(a).__init__(a, None), lambda: weakref.ref(a, callback=None)]:
    try:
        r = call()
        print('ok', type(r).__name__)
    except TypeError as e:
        print('TypeError', e)
class R(weakref.ref):
    def __init__(self, ob, callback=None, **kw):
        super().__init__(ob, callback)
        self.__dict__.update(kw)
r = R(a, None, value=3, other='x')
print(r.value, r.other, r() is a)
class R2(weakref.ref):
    __slots__ = ('n',)
    def __new__(cls, ob, n):
        self = super().__new__(cls, ob)
        self.n = n
        return self
    def __init__(self, ob, n):
        super().__init__(ob)
print(R2(a, 5).n)
